using CsCheck;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Tests.Ledger;

/// <summary>
/// The ward ledger as properties over generated days: every order of arrival and every split into
/// batches gives the same figures, and those figures are what the day's stories imply.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly TimeSpan DueSoon = TimeSpan.FromHours(24);

    private static readonly Gen<(int Seed, int Tickets, int Dossiers, int Ratings)> Days =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 14], Gen.Int[0, 8], Gen.Int[0, 5]);

    private static WardLedger Fresh()
    {
        var ledger = new WardLedger();
        ledger.EnsureReady(DayStory.Evening, DueSoon);
        return ledger;
    }

    /// <summary>Applies the events in the given order, cut into batches of the given sizes.</summary>
    private static WardLedger Play(IReadOnlyList<BusinessEvent> events, Random rng)
    {
        var ledger = Fresh();
        var at = 0;
        while (at < events.Count)
        {
            var n = rng.Next(1, Math.Max(2, events.Count - at + 1));
            ledger.Apply(events.Skip(at).Take(n).ToList(), DayStory.Evening, DayStory.TargetMillis, estimator: null);
            at += n;
        }
        return ledger;
    }

    private static void AssertMatches(ExpectedDay x, WardLedger ledger)
    {
        var d = ledger.Summary(HanoiTime.DayOf(DayStory.Evening));
        Assert.Equal((x.TicketsIssued, x.TicketsCalled, x.TicketsServed, x.TicketsNoShow),
            (d.TicketsIssued, d.TicketsCalled, d.TicketsServed, d.TicketsNoShow));
        Assert.Equal((x.Waits.Count, x.Waits.Sum(), x.Waits.DefaultIfEmpty(0).Max(), x.WaitsOverTarget),
            (d.WaitsMeasured, d.WaitMillisSum, d.WaitMillisMax, d.WaitsOverTarget));
        Assert.Equal((x.ServiceMillis.Count, x.ServiceMillis.Sum()), (d.ServicesMeasured, d.ServiceMillisSum));
        Assert.Equal((x.Ratings, x.RatingSum, x.RatingsGood), (d.Ratings, d.RatingSum, d.RatingsGood));
        Assert.Equal((x.DossiersReceived, x.DossiersReceivedOnline, x.Digitized, x.DigitizedKnown, x.ResolvedOnTime, x.ResolvedLate),
            (d.DossiersReceived, d.DossiersReceivedOnline, d.DossiersDigitized, d.DossiersDigitizedKnown, d.DossiersResolvedOnTime, d.DossiersResolvedLate));
        var book = ledger.Dossiers;
        Assert.Equal((x.InProgress, x.Overdue, x.DueSoon), (book.Open, book.Count(DossierClass.Overdue), book.Count(DossierClass.DueSoon)));
        Assert.Equal(x.Overdue, d.OverdueAtClose);
        Assert.Equal(x.Waiting, ledger.TodayTickets.Waiting.Count);
        var served = ledger.DayOf(HanoiTime.DayOf(DayStory.Evening))?.ServedByDesk ?? [];
        Assert.Equal(x.ServedByDesk.OrderBy(p => p.Key), served.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_order_of_arrival_and_every_split_into_batches_gives_the_figures_the_day_implies()
    {
        Days.Sample(g =>
        {
            var story = DayStory.Make(g.Seed, g.Tickets, g.Dossiers, g.Ratings);
            var rng = new Random(g.Seed ^ 0x5eed);
            for (var round = 0; round < 6; round++)
            {
                var shuffled = story.Events.OrderBy(_ => rng.Next()).ToList();
                AssertMatches(story.Expected, Play(shuffled, rng));
            }
            // In time order, one event a batch: what a perfect network would deliver.
            AssertMatches(story.Expected, Play([.. story.Events.OrderBy(e => e.Ts)], new Random(1)));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void A_batch_delivered_twice_changes_nothing_the_second_time()
    {
        Days.Sample(g =>
        {
            var story = DayStory.Make(g.Seed, g.Tickets, g.Dossiers, g.Ratings);
            var ledger = Fresh();
            var first = ledger.Apply(story.Events, DayStory.Evening, DayStory.TargetMillis, null);
            var again = ledger.Apply(story.Events.OrderBy(e => e.EventId, StringComparer.Ordinal).ToList(), DayStory.Evening, DayStory.TargetMillis, null);
            Assert.Equal((story.Events.Count, 0), (first.Accepted, first.Duplicates));
            Assert.Equal((0, story.Events.Count), (again.Accepted, again.Duplicates));
            AssertMatches(story.Expected, ledger);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void A_stored_and_reloaded_ledger_keeps_its_figures_and_indexes()
    {
        Days.Sample(g =>
        {
            var story = DayStory.Make(g.Seed, g.Tickets, g.Dossiers, g.Ratings);
            var half = story.Events.Count / 2;
            var ledger = Fresh();
            ledger.Apply(story.Events.Take(half).ToList(), DayStory.Evening, DayStory.TargetMillis, null);
            var copy = RoundTrip.Copy(ledger);
            copy.EnsureReady(DayStory.Evening, DueSoon);
            copy.Apply(story.Events.Skip(half).ToList(), DayStory.Evening, DayStory.TargetMillis, null);
            AssertMatches(story.Expected, copy);
        }, iter: 60, threads: 1);
    }
}
