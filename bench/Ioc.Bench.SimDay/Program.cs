using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ioc.Simulator;
using Ioc.Simulator.Model;

namespace Ioc.Bench.SimDay;

/// <summary>
/// What a simulated day looks like, per scenario: runs <see cref="SimulatedDay.Run"/> for all 126
/// units and reads the figures from the events and deliveries alone (bench/run-sim-day.sh).
/// Arguments: --day 2025-07-07 --seed 20250701 --scenarios normal,monday-surge,... --out file.md
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var day = DateOnly.ParseExact(Arg(args, "--day") ?? "2025-07-07", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var seed = int.Parse(Arg(args, "--seed") ?? "20250701", CultureInfo.InvariantCulture);
        var scenarios = (Arg(args, "--scenarios") ?? string.Join(",", SimulatorScenarios.All)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reports = new List<DayReport>();
        foreach (var name in scenarios)
        {
            var layout = CityLayout.Build(new SimulationSettings { Seed = seed, Scenario = SimulatorScenarios.Parse(name) });
            var watch = Stopwatch.StartNew();
            var run = SimulatedDay.Run(layout, day);
            var seconds = watch.Elapsed.TotalSeconds;
            reports.Add(new DayReport(name, layout, run, seconds));
            Console.Error.WriteLine($"{name}: {run.Events.Count:N0} events, {run.Deliveries.Count:N0} deliveries in {seconds:F1} s");
        }
        var text = Markdown(day, seed, reports);
        Console.WriteLine(text);
        if (Arg(args, "--out") is { } path)
        {
            File.WriteAllText(path, text);
            Console.Error.WriteLine($"written to {path}");
        }
        return 0;
    }

    private static string Markdown(DateOnly day, int seed, List<DayReport> reports)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# A simulated day ({day:yyyy-MM-dd}, {day.DayOfWeek}, seed {seed})");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"`bench/run-sim-day.sh` — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Figures are read from the emitted events and deliveries only (wait = last call − issue).");
        sb.AppendLine();
        sb.AppendLine("| figure | " + string.Join(" | ", reports.Select(r => r.Scenario)) + " |");
        sb.AppendLine("|---|" + string.Concat(reports.Select(_ => "---:|")));
        foreach (var (label, _) in reports[0].Rows)
            sb.AppendLine($"| {label} | " + string.Join(" | ", reports.Select(r => r.Rows.First(x => x.Label == label).Value)) + " |");
        return sb.ToString();
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
