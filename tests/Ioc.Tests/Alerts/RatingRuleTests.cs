using CsCheck;
using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Silo.Alerts;
using Ioc.Silo.Wards;
using Ioc.Tests.Ledger;

namespace Ioc.Tests.Alerts;

/// <summary>
/// The rating rules as properties over generated days: whatever the order and batching of the ratings,
/// each low rating of today raises one rating-low, and a desk gets a run warning exactly when some hour
/// holds three of its low ratings, its figure the most any hour holds (counted here independently).
/// </summary>
public sealed class RatingRuleTests
{
    private static readonly DateTimeOffset Morning = DayStory.Evening.AddHours(-12);

    private static readonly Gen<(int Seed, List<(int Minute, int Score, int Desk)> Ratings)> Days =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Select(Gen.Int[0, 600], Gen.Int[1, 5], Gen.Int[1, 3]).List[0, 14]);

    private static (AlertBook Alerts, WardLedger Ledger) Play(IReadOnlyList<BusinessEvent> ratings, Random rng)
    {
        var ledger = new WardLedger();
        ledger.EnsureReady(DayStory.Evening, TimeSpan.FromHours(24));
        var alerts = new AlertBook("00004", new AlertLedger(), () => DayStory.Evening);
        var rules = new RatingAlertRules();
        var order = ratings.OrderBy(_ => rng.Next()).ToList();
        for (var at = 0; at < order.Count;)
        {
            var n = rng.Next(1, order.Count - at + 1);
            var changes = ledger.Apply(order.Skip(at).Take(n).ToList(), DayStory.Evening, DayStory.TargetMillis, estimator: null);
            rules.Ratings(changes.Ratings, ledger, alerts);
            at += n;
        }
        return (alerts, ledger);
    }

    private static List<BusinessEvent> Events(List<(int Minute, int Score, int Desk)> ratings) =>
        [.. ratings.Select((r, i) => new BusinessEvent($"r{i}", EventTypes.RatingSubmitted, Morning.AddMinutes(r.Minute), "kiosk",
            Ticket: $"T{i}", Counter: r.Desk.ToString(), Score: r.Score))];

    /// <summary>The most low ratings of one desk that any closed hour [t, t + 60 min] holds.</summary>
    private static int MostInAnHour(IEnumerable<int> minutes)
    {
        var m = minutes.Order().ToArray();
        return m.Select((start, i) => m.Skip(i).Count(x => x - start <= 60)).DefaultIfEmpty(0).Max();
    }

    [Fact]
    public void Low_ratings_and_desk_runs_do_not_depend_on_order_or_batching() =>
        Days.Sample(day =>
        {
            var (alerts, _) = Play(Events(day.Ratings), new Random(day.Seed));
            var active = alerts.Active.ToList();
            Assert.Equal(day.Ratings.Count(r => r.Score <= 2), active.Count(a => a.Kind == AlertKinds.RatingLow));
            Assert.All(active.Where(a => a.Kind == AlertKinds.RatingLow), a => Assert.True(a.Figure <= 2 && a.Subject is not null && a.Ticket is not null));
            foreach (var desk in new[] { 1, 2, 3 })
            {
                var most = MostInAnHour(day.Ratings.Where(r => r.Desk == desk && r.Score <= 2).Select(r => r.Minute));
                var run = active.SingleOrDefault(a => a.Kind == AlertKinds.RatingLowRun && a.Subject == desk.ToString());
                if (most >= 3) Assert.Equal((AlertSeverities.Warning, (double)most), (run?.Severity, run?.Figure));
                else Assert.Null(run);
            }
        }, iter: 300);

    [Fact]
    public void Desk_satisfaction_is_the_exact_sum_of_the_ratings_that_named_the_desk() =>
        Days.Sample(day =>
        {
            var (_, ledger) = Play(Events(day.Ratings), new Random(day.Seed));
            var byDesk = ledger.DayOf(ledger.Today)?.RatingsByDesk ?? [];
            foreach (var desk in new[] { 1, 2, 3 })
            {
                var mine = day.Ratings.Where(r => r.Desk == desk).ToList();
                var got = byDesk.GetValueOrDefault(desk.ToString());
                Assert.Equal((mine.Count, mine.Sum(r => r.Score), mine.Count(r => r.Score <= 2), mine.Count(r => r.Score >= 4)),
                    (got.Ratings, got.ScoreSum, got.Low, got.Good));
            }
        }, iter: 300);

    [Fact]
    public void A_rating_of_an_earlier_day_amends_its_figures_and_raises_nothing()
    {
        var yesterday = new BusinessEvent("old", EventTypes.RatingSubmitted, Morning.AddDays(-1), "kiosk", Counter: "1", Score: 1);
        var (alerts, _) = Play([yesterday], new Random(1));
        Assert.Empty(alerts.Active);
    }
}
