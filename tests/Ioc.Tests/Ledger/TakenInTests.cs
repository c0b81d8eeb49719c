using CsCheck;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Telemetry;

namespace Ioc.Tests.Ledger;

/// <summary>
/// Dossiers a citizen filed at another ward's service point (<c>receivedAt</c>): the responsible
/// ward counts them as its own and tells the receiving ward, which counts each once, for the day
/// of the receipt, whatever the order of the events, the batching, and how often or in which order
/// the words reach it. Checked against an independent calculator over generated dossiers.
/// </summary>
public sealed class TakenInTests
{
    private const string Responsible = "00004";
    private static readonly string?[] Points = [null, Responsible, "00008", "00025"];
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Evening = DayStory.Evening;

    private sealed record Receipt(string Id, DateTimeOffset Ts, string? At);

    private sealed record Case(List<(string Dossier, List<Receipt> Receipts, bool Resolved)> Dossiers, int Seed);

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Int[1, 12], Gen.Int[0, int.MaxValue]).Select(x =>
        {
            var rng = new Random(x.Item2);
            var dossiers = Enumerable.Range(0, x.Item1).Select(i =>
            {
                // One receipt, sometimes a second one (a correction, or an earlier one arriving late), on today or yesterday.
                var receipts = Enumerable.Range(0, rng.Next(1, 3)).Select(r => new Receipt($"rcv-{i}-{r}",
                    Evening.AddDays(-rng.Next(0, 2)).AddHours(-rng.Next(1, 12)).AddMinutes(-rng.Next(0, 60)), Points[rng.Next(Points.Length)])).ToList();
                return ($"HS-{i}", receipts, rng.Next(2) == 0);
            }).ToList();
            return new Case(dossiers, x.Item2);
        });

    /// <summary>The independent calculator: the earliest receipt decides where and on which Hanoi day.</summary>
    private static Dictionary<(string Ward, DateOnly Day), int> Expected(Case c)
    {
        var counts = new Dictionary<(string, DateOnly), int>();
        foreach (var (_, receipts, _) in c.Dossiers)
        {
            var first = receipts.OrderBy(r => r.Ts.UtcTicks).ThenBy(r => r.Id, StringComparer.Ordinal).First();
            if (first.At is not { } at || at == Responsible) continue;
            var key = (at, DateOnly.FromDateTime(first.Ts.ToOffset(Hanoi).DateTime));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    private static List<BusinessEvent> EventsOf(Case c) =>
    [
        .. c.Dossiers.SelectMany(d => d.Receipts.Select(r => new BusinessEvent(r.Id, EventTypes.DossierReceived, r.Ts, "dvc",
                Dossier: d.Dossier, Procedure: "P", Service: ServiceCodes.HoTich, Channel: "in_person", DueAt: r.Ts.AddDays(3), ReceivedAt: r.At))
            .Concat(d.Resolved ? [new BusinessEvent($"res-{d.Dossier}", EventTypes.DossierResolved, Evening.AddMinutes(-5), "dvc", Dossier: d.Dossier)] : [])),
    ];

    private static WardLedger Ledger(string code)
    {
        var ledger = new WardLedger { Self = code, TakenIn = new TakenInBook() };
        ledger.EnsureReady(Evening, TimeSpan.FromHours(24));
        return ledger;
    }

    [Fact]
    public void Each_dossier_is_counted_once_at_the_receiving_ward_for_the_day_of_its_receipt_in_any_order()
    {
        Cases.Sample(c =>
        {
            var rng = new Random(c.Seed);
            var events = EventsOf(c);
            // The events in any order, cut into batches, some sent twice.
            var sent = events.Concat(events.Where(_ => rng.Next(4) == 0)).OrderBy(_ => rng.Next()).ToList();
            var responsible = Ledger(Responsible);
            var words = new List<TakenInNotice>();
            for (var at = 0; at < sent.Count;)
            {
                var n = rng.Next(1, 4);
                var changes = responsible.Apply(sent.Skip(at).Take(n).ToList(), Evening, DayStory.TargetMillis, estimator: null);
                words.AddRange(changes.TakenIn);
                at += n;
            }

            // The words reach their wards in any order, some more than once.
            var receivers = Points.OfType<string>().Where(p => p != Responsible).ToDictionary(p => p, Ledger);
            foreach (var w in words.Concat(words.Where(_ => rng.Next(3) == 0)).OrderBy(_ => rng.Next()))
                receivers[w.Receiver].TakenIn!.Apply(w.Notice);

            var expected = Expected(c);
            foreach (var (code, ledger) in receivers)
                foreach (var day in new[] { DateOnly.FromDateTime(Evening.DateTime), DateOnly.FromDateTime(Evening.DateTime).AddDays(-1) })
                {
                    Assert.Equal(expected.GetValueOrDefault((code, day)), ledger.Summary(day).DossiersTakenInForOthers);
                    // What the ward's state stores gives the same counts back.
                    Assert.Equal(expected.GetValueOrDefault((code, day)), RoundTrip.Copy(ledger.TakenIn!).On(day));
                }
            // The responsible ward's own count of dossiers filed elsewhere agrees with the receivers' sum.
            Assert.Equal(expected.Values.Sum(), responsible.Days.Values.Sum(d => d.DossiersReceivedElsewhere));
            Assert.Equal(c.Dossiers.Count, responsible.Days.Values.Sum(d => d.DossiersReceived));
        });
    }
}
