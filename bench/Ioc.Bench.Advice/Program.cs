using System.Diagnostics;
using System.Globalization;
using Ioc.Bench.Advice;
using Ioc.Silo.Staffing;
using Ioc.Simulator;
using Ioc.Simulator.Model;

// Staffing advice followed or not: for each scenario the same seeded day is run twice, once as planned and
// once with every ward's chief looking at the ward's advice every few minutes and accepting the best one shown
// (the simulator's desks then open or move as advised). Both runs start from the same center, which learned
// from the earlier working days. Waits come from the simulator's own events (issue to first call).
var arg = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
string Arg(string name, string fallback) => arg.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
var inv = CultureInfo.InvariantCulture;
var day = DateOnly.ParseExact(Arg("day", "2025-07-07"), "yyyy-MM-dd", inv);
var seed = int.Parse(Arg("seed", "20250701"), inv);
var learnDays = int.Parse(Arg("learn-days", "3"), inv);
var look = TimeSpan.FromMinutes(double.Parse(Arg("look-minutes", "5"), inv));
var wardLimit = int.Parse(Arg("wards", "0"), inv);
var batch = TimeSpan.FromSeconds(int.Parse(Arg("batch-seconds", "120"), inv));
var accepts = Arg("accept", "open-desk,move-desk").Split(',').ToHashSet(StringComparer.Ordinal);
var options = new AdvisorOptions();

foreach (var scenario in Arg("scenarios", "normal,monday-surge").Split(','))
{
    var watch = Stopwatch.StartNew();
    var layout = CityLayout.Build(new SimulationSettings { Seed = seed, Scenario = SimulatorScenarios.Parse(scenario) });
    var codes = layout.Wards.Select(w => w.Code).Take(wardLimit > 0 ? wardLimit : int.MaxValue).ToList();
    var chiefs = new CityChiefs(codes, options, look) { Following = false, Accepts = accepts };
    var learned = new List<DateOnly>();
    for (var d = day.AddDays(-1); learned.Count < learnDays; d = d.AddDays(-1))
        if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) learned.Insert(0, d);
    foreach (var d in learned) SimulatedDay.Run(layout, d, batchInterval: batch, chief: chiefs);

    var plain = WaitTally.Of(SimulatedDay.Run(layout, day, batchInterval: batch).Events);
    chiefs.Following = true;
    var followed = WaitTally.Of(SimulatedDay.Run(layout, day, batchInterval: batch, chief: chiefs).Events);
    var accepted = chiefs.Wards.ToDictionary(w => w.Ward, w => w.Accepted);
    Console.Error.WriteLine($"{scenario}: {watch.Elapsed.TotalSeconds:0} s");
    Report.Print(Console.Out, scenario, day, seed, learnDays, look, accepts, codes.Count, watch.Elapsed, plain, followed, accepted, layout);
}
