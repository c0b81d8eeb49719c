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

var layout = CityLayout.Build(new SimulationSettings { Seed = seed, Scenario = SimulatorScenarios.Parse(scenario) });
var wards = layout.Wards.ToDictionary(w => w.Code, w => new WardRun(w.Code));
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
var byHour = new SortedDictionary<int, Judge>();
var byEstimate = new SortedDictionary<int, Judge>();
double bias = 0;
foreach (var w in wards.Values)
{
    var ward = new Judge();
    if (!w.Ledger.TicketDays.TryGetValue(day, out var book)) continue;
    foreach (var t in book.Tickets.Values)
    {
        if (t.Outcome.WaitMillis is not { } ms || t.EstimatedWaitSeconds is not { } est) continue;
        var wait = ms / 1000.0;
        ward.Add(est, wait);
        all.Add(est, wait);
        var hour = Ioc.Time.HanoiTime.ToLocal(t.Outcome.Issued!.Ts).Hour;
        if (!byHour.TryGetValue(hour, out var h)) byHour[hour] = h = new Judge();
        h.Add(est, wait);
        bias += est - wait;
        var bucket = est < 120 ? 0 : est < 300 ? 1 : est < 600 ? 2 : est < 900 ? 3 : est < 1800 ? 4 : 5;
        if (!byEstimate.TryGetValue(bucket, out var be)) byEstimate[bucket] = be = new Judge();
        be.Add(est, wait);
        if (w.Baselines.TryGetValue((day, t.Label), out var b))
        {
            if (b.PeopleAhead is { } p) peopleAhead.Add(p, wait);
            if (b.NoLearning is { } n) noLearning.Add(n, wait);
        }
    }
    if (ward.N >= 20) perWard.Add((w.Ward, ward.Mae, ward.MeanWait, ward.N));
}

if (Environment.GetEnvironmentVariable("ESTIMATE_DIAG") == "1")
{
    Console.Error.WriteLine($"bias (estimate − actual) {bias / all.N:0} s");
    foreach (var (hour, j) in byHour) Console.Error.WriteLine(j.Row($"issued at {hour:00}h", CultureInfo.InvariantCulture));
    string[] names = ["< 2 min", "2–5", "5–10", "10–15", "15–30", "≥ 30"];
    foreach (var (b, j) in byEstimate) Console.Error.WriteLine(j.Row($"told {names[b]}", CultureInfo.InvariantCulture) + $" mean told {j.MeanEstimate:0} s");
}

// The ledger's own sums for the same day (what the wall shows) must agree with the judge above.
var fromLedger = wards.Values.Select(w => w.Ledger.Summary(day)).ToList();
var compared = fromLedger.Sum(s => s.EstimatesCompared);
var ledgerMae = fromLedger.Sum(s => s.EstimateAbsErrorMillisSum) / 1000.0 / Math.Max(1, compared);
var under = fromLedger.Sum(s => s.EstimatesUnderBy5Min) / (double)Math.Max(1, compared);

var inv = CultureInfo.InvariantCulture;
var shares = perWard.Select(x => x.Mae / x.MeanWait).Order().ToList();
double Q(List<double> l, double q) => l.Count == 0 ? double.NaN : l[Math.Min(l.Count - 1, (int)(q * l.Count))];
Console.WriteLine($"Day {day:yyyy-MM-dd} ({day.DayOfWeek}), scenario {scenario}, seed {seed}, after {learnDays} earlier working days to learn from; devices send a batch every {batchSeconds} s of business time, the network delays, reorders and repeats some; {deliveries:N0} deliveries in {watch.Elapsed.TotalSeconds:0} s.");
Console.WriteLine();
Console.WriteLine("| estimator | tickets | mean actual wait | MAE | MAE / mean wait | waited > 5 min longer than told |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
Console.WriteLine(all.Row("the ward's estimate (forecast, learned)", inv));
Console.WriteLine(peopleAhead.Row("baseline: people ahead × mean service time ÷ desks", inv));
Console.WriteLine(noLearning.Row("baseline: the ward without learning ((ahead + ½) × last 20 ÷ desks)", inv));
Console.WriteLine();
Console.WriteLine(string.Create(inv, $"- per ward (the {perWard.Count} wards with ≥ 20 judged tickets), MAE / mean wait: p10 {Q(shares, 0.1):P0}, median {Q(shares, 0.5):P0}, p90 {Q(shares, 0.9):P0}, worst {shares.LastOrDefault():P0}"));
Console.WriteLine(string.Create(inv, $"- the ledger's own sums for the day: {compared:N0} tickets compared, MAE {ledgerMae:0} s, {under:P1} waited more than 5 min longer than told"));

/// <summary>Mean absolute error and under-estimates over (estimate, actual) pairs in seconds.</summary>
internal sealed class Judge
{
    private double _abs, _wait, _est;
    private int _under;
    public int N { get; private set; }
    public double Mae => N == 0 ? double.NaN : _abs / N;
    public double MeanWait => N == 0 ? double.NaN : _wait / N;
    public double MeanEstimate => N == 0 ? double.NaN : _est / N;

    public void Add(double estimate, double actual)
    {
        N++;
        _abs += Math.Abs(estimate - actual);
        _wait += actual;
        _est += estimate;
        if (actual - estimate > 300) _under++;
    }

    public string Row(string name, IFormatProvider f) => string.Create(f,
        $"| {name} | {N:N0} | {MeanWait:0} s | {Mae:0} s | {Mae / MeanWait:P1} | {(double)_under / Math.Max(1, N):P1} |");
}
