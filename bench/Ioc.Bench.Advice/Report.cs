using System.Globalization;
using Ioc.Grains;
using Ioc.Simulator.Model;

namespace Ioc.Bench.Advice;

/// <summary>The markdown of one scenario: the city's mean and worst wait both ways, then every unit whose chief accepted advice.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print(TextWriter o, string scenario, DateOnly day, int seed, int learnDays, TimeSpan look, IReadOnlySet<string> accepts, int chiefs, TimeSpan took,
        WaitTally plain, WaitTally followed, Dictionary<string, List<AcceptedAdvice>> accepted, CityLayout layout)
    {
        var orders = accepted.Values.Sum(l => l.Count);
        var advised = accepted.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        o.WriteLine(F($"### {scenario}: {day:yyyy-MM-dd} ({day.DayOfWeek}), seed {seed}, chiefs accept {string.Join(" and ", accepts.Order(StringComparer.Ordinal))}"));
        o.WriteLine();
        o.WriteLine(F($"The center learned from {learnDays} earlier working days; the chiefs of {chiefs} units look at their advice every {look.TotalMinutes:0} min of office hours and accept the best one shown of the kinds they accept: {orders} accepted in {advised.Count} units ({accepted.Values.Sum(l => l.Count(a => a.Advice.Kind == AdviceKinds.OpenDesk))} open a desk, {accepted.Values.Sum(l => l.Count(a => a.Advice.Kind == AdviceKinds.MoveDesk))} move one). Both runs and the learning took {took.TotalSeconds:0} s."));
        o.WriteLine();
        o.WriteLine("| the day | tickets called | mean wait | worst wait | desk-hours staffed |");
        o.WriteLine("|---|---:|---:|---:|---:|");
        var (pn, ps, pm) = plain.City;
        var (fn, fs, fm) = followed.City;
        o.WriteLine(F($"| as planned | {pn:N0} | {Min(ps / pn)} | {Min(pm)} | {plain.DeskHours:N0} |"));
        o.WriteLine(F($"| desks following accepted advice | {fn:N0} | {Min(fs / fn)} | {Min(fm)} | {followed.DeskHours:N0} |"));
        o.WriteLine(F($"| change | | {Delta(ps / pn, fs / fn)} | {Delta(pm, fm)} | {followed.DeskHours - plain.DeskHours:+0;-0;0} |"));
        o.WriteLine();

        var rows = advised.Select(code => (code, p: plain.ByWard.GetValueOrDefault(code), f: followed.ByWard.GetValueOrDefault(code)))
            .Where(r => r.p.N > 0 && r.f.N > 0)
            .Select(r => (r.code, r.p, r.f, dMean: r.f.SumSeconds / r.f.N - r.p.SumSeconds / r.p.N, dWorst: r.f.MaxSeconds - r.p.MaxSeconds))
            .OrderBy(r => r.dMean).ToList();
        var untouchedChanged = plain.ByWard.Count(kv => !advised.Contains(kv.Key) && followed.ByWard.GetValueOrDefault(kv.Key) != kv.Value);
        if (rows.Count > 0)
        {
            var means = rows.Select(r => r.dMean).Order().ToList();
            var worsts = rows.Select(r => r.dWorst).Order().ToList();
            o.WriteLine(F($"- units with accepted advice: mean wait shorter in {means.Count(x => x < 0)}, longer in {means.Count(x => x > 0)}; change per unit: median {Min(means[means.Count / 2], true)}, best {Min(means[0], true)}, worst {Min(means[^1], true)}"));
            o.WriteLine(F($"- their worst wait: shorter in {worsts.Count(x => x < 0)}, longer in {worsts.Count(x => x > 0)}; change per unit: median {Min(worsts[worsts.Count / 2], true)}, best {Min(worsts[0], true)}, worst {Min(worsts[^1], true)}"));
        }
        o.WriteLine(F($"- units with no accepted advice whose waits changed: {untouchedChanged} (each hall draws from its own seeded stream)"));
        o.WriteLine();
        o.WriteLine("| unit | accepted | tickets | mean wait as planned → following | change | worst wait as planned → following | change |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var names = layout.Wards.ToDictionary(w => w.Code, w => w.Info.Name, StringComparer.Ordinal);
        foreach (var r in rows)
            o.WriteLine(F($"| {r.code} {names[r.code]} | {accepted[r.code].Count} | {r.p.N} | {Min(r.p.SumSeconds / r.p.N)} → {Min(r.f.SumSeconds / r.f.N)} | {Min(r.dMean, true)} | {Min(r.p.MaxSeconds)} → {Min(r.f.MaxSeconds)} | {Min(r.dWorst, true)} |"));
        o.WriteLine();
    }

    private static string Min(double seconds, bool signed = false) =>
        (signed && seconds > 0 ? "+" : "") + (seconds / 60).ToString("0.0", Inv) + " min";

    private static string Delta(double before, double after) =>
        F($"{Min(after - before, true)} ({(before > 0 ? (after - before) / before : 0):+0.0%;-0.0%;0.0%})");

    private static string F(FormattableString s) => s.ToString(Inv);
}
