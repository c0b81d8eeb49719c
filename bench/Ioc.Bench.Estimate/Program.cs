using System.Diagnostics;
using System.Globalization;
using Ioc.Bench.Estimate;
using Ioc.Silo.Wards;
using Ioc.Simulator;
using Ioc.Simulator.Model;

// How right the wait estimate is: the simulator's normal day for all 126 units at full speed, its
// deliveries (late, out of order, repeated) fed into the production ledger and estimator of each ward,
// after earlier working days to learn from; the same tickets judged for two simple baselines.
var arg = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
string Arg(string name, string fallback) => arg.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
var day = DateOnly.ParseExact(Arg("day", "2025-07-09"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
var learnDays = int.Parse(Arg("learn-days", "5"), CultureInfo.InvariantCulture);
var seed = int.Parse(Arg("seed", "20250701"), CultureInfo.InvariantCulture);
var scenario = Arg("scenario", "normal");
// Devices send at once in real life; the embedded demo batches 2 business minutes (2 s at 60×).
var batchSeconds = int.Parse(Arg("batch-seconds", "120"), CultureInfo.InvariantCulture);
var serviceCv = double.Parse(Arg("service-cv", Catalog.ServiceTimeCv.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var layout = CityLayout.Build(new SimulationSettings { Seed = seed, Scenario = SimulatorScenarios.Parse(scenario), ServiceTimeCv = serviceCv });
var wards = layout.Wards.ToDictionary(w => w.Code, w => new WardRun(w, serviceCv));
var days = new List<DateOnly>();
for (var d = day.AddDays(-1); days.Count < learnDays; d = d.AddDays(-1))
    if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Insert(0, d);
days.Add(day);
var watch = Stopwatch.StartNew();
long deliveries = 0;
foreach (var d in days)
{
    var run = SimulatedDay.Run(layout, d, batchInterval: TimeSpan.FromSeconds(batchSeconds));
    foreach (var delivery in run.Deliveries)
    {
        deliveries++;
        foreach (var byWard in delivery.Events.GroupBy(e => e.Ward))
            if (wards.TryGetValue(byWard.Key, out var w)) w.Deliver(delivery.At, [.. byWard]);
    }
    Console.Error.WriteLine($"{d:yyyy-MM-dd}: {run.Events.Count:N0} events, {run.Deliveries.Count:N0} deliveries");
}

// Judge every ticket of the measured day that was told an estimate and then called.
var perWard = new List<(string Ward, double Mae, double MeanWait, int N)>();
var all = new Judge();
var peopleAhead = new Judge();
var noLearning = new Judge();
var truth = new Judge();
var breakdown = new Breakdown();
foreach (var w in wards.Values)
{
    var ward = new Judge();
    if (!w.Ledger.TicketDays.TryGetValue(day, out var book)) continue;
    foreach (var t in book.Tickets.Values)
    {
        var o = t.Outcome;
        if (o.WaitMillis is not { } ms || t.EstimatedWaitSeconds is not { } est) continue;
        var wait = ms / 1000.0;
        ward.Add(est, wait);
        all.Add(est, wait);
        breakdown.Count(est, wait);
        void By(string dimension, string bucket) => breakdown.Add(dimension, bucket, est, wait);
        By("hour issued", $"{Ioc.Time.HanoiTime.ToLocal(o.Issued!.Ts).Hour:00}h");
        By("told (min)", Breakdown.Band(est / 60, 2, 5, 10, 15, 30));
        By("service", o.Service ?? "?");
        By("outcome", o.State == TicketState.NoShow ? "no-show" : o.Calls > 1 ? "served after a re-call" : "served at the first call");
        var opened = w.Openings.Any(x => x > o.Issued.Ts && x <= o.LastCall!.Ts);
        By("a desk opened during the wait", opened ? "yes" : "no");
        if (w.Facts.TryGetValue((day, t.Label), out var f))
        {
            By("people ahead, same service", Breakdown.Band(f.AheadSame, 1, 3, 6, 10, 20));
            By("people ahead, competing for its desks", Breakdown.Band(f.AheadCompeting, 1, 3, 6, 10, 20));
            By("desks open for its service", Breakdown.Band(f.DesksOpen, 1, 2, 3, 4));
            By("a desk of its service also serves others", f.SharedDesk ? "yes" : "no");
            By("desks of its service paused", Breakdown.Band(f.DesksPaused, 1, 2));
            By("desks of its service closed", Breakdown.Band(f.DesksClosed, 1, 2));
            By("minutes since the hall opened", f.MinutesOpen < 0 ? "not open yet" : Breakdown.Band(f.MinutesOpen, 15, 30, 60, 120));
        }
        if (w.Baselines.TryGetValue((day, t.Label), out var b))
        {
            if (b.PeopleAhead is { } p) peopleAhead.Add(p, wait);
            if (b.NoLearning is { } n) noLearning.Add(n, wait);
            if (b.Truth is { } tr) truth.Add(tr, wait);
        }
    }
    if (ward.N >= 20) perWard.Add((w.Ward, ward.Mae, ward.MeanWait, ward.N));
}

// The ledger's own sums for the same day (what the wall shows) must agree with the judge above.
var fromLedger = wards.Values.Select(w => w.Ledger.Summary(day)).ToList();
var compared = fromLedger.Sum(s => s.EstimatesCompared);
var ledgerMae = fromLedger.Sum(s => s.EstimateAbsErrorMillisSum) / 1000.0 / Math.Max(1, compared);
var under = fromLedger.Sum(s => s.EstimatesUnderBy5Min) / (double)Math.Max(1, compared);

var inv = CultureInfo.InvariantCulture;
var shares = perWard.Select(x => x.Mae / x.MeanWait).Order().ToList();
double Q(List<double> l, double q) => l.Count == 0 ? double.NaN : l[Math.Min(l.Count - 1, (int)(q * l.Count))];
Console.WriteLine($"Day {day:yyyy-MM-dd} ({day.DayOfWeek}), scenario {scenario}, seed {seed}, service times with a CV of {serviceCv.ToString(CultureInfo.InvariantCulture)}, after {learnDays} earlier working days to learn from; devices send a batch every {batchSeconds} s of business time, the network delays, reorders and repeats some; {deliveries:N0} deliveries in {watch.Elapsed.TotalSeconds:0} s.");
Console.WriteLine();
Console.WriteLine("| estimator | tickets | mean actual wait | MAE | MAE / mean wait | waited > 5 min longer than told |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
Console.WriteLine(all.Row("the ward's estimate (forecast, learned)", inv));
Console.WriteLine(peopleAhead.Row("baseline: people ahead × mean service time ÷ desks", inv));
Console.WriteLine(noLearning.Row("baseline: the ward without learning ((ahead + ½) × last 20 ÷ desks)", inv));
Console.WriteLine(truth.Row("bound: the same forecast knowing the simulator's parameters (not its draws)", inv));
Console.WriteLine();
Console.WriteLine(string.Create(inv, $"- per ward (the {perWard.Count} wards with ≥ 20 judged tickets), MAE / mean wait: p10 {Q(shares, 0.1):P0}, median {Q(shares, 0.5):P0}, p90 {Q(shares, 0.9):P0}, worst {shares.LastOrDefault():P0}"));
Console.WriteLine(string.Create(inv, $"- the ledger's own sums for the day: {compared:N0} tickets compared, MAE {ledgerMae:0} s, {under:P1} waited more than 5 min longer than told"));
Console.WriteLine();
Console.WriteLine("Where the error comes from (each dimension splits the same judged tickets; shares are of the day's Σ |told − actual|):");
Console.WriteLine();
foreach (var row in breakdown.Rows(inv)) Console.WriteLine(row);
