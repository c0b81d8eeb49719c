using System.Globalization;
using System.Text.Json;

namespace Ioc.Bench.Ingest;

public sealed record Figure(string Name, long Sent, long Shown)
{
    public bool Ok => Sent == Shown;
}

public sealed class Verification
{
    public List<Figure> Figures { get; } = [];
    public int WardsChecked { get; set; }
    public int WardsMismatched { get; set; }
    public int RobotsChecked { get; set; }
    public int RobotsMatching { get; set; }
    public int CountersChecked { get; set; }
    public int CountersMatching { get; set; }
    public List<string> Problems { get; } = [];
    public bool AllApplied => Figures.All(f => f.Ok) && WardsMismatched == 0 && RobotsMatching == RobotsChecked && CountersMatching == CountersChecked;
}

/// <summary>
/// "Every event applied": the center's read API must show exactly what the center acknowledged.
/// Business events are counted per ward and type; for state messages, each robot's pose, battery,
/// mode and time, and each desk's status and services, must be the latest one acknowledged.
/// </summary>
public sealed class Verifier(CenterApi api, Fleet fleet, Totals totals)
{
    public async Task<Verification> Run()
    {
        var v = new Verification();
        v.Figures.Add(new Figure("events in 202 answers = sum of `accepted`", totals.EventsAcked, totals.Accepted));
        v.Figures.Add(new Figure("duplicates reported (ids are unique)", 0, totals.Duplicates));

        using var wards = await api.Get("/api/v1/wards");
        long issued = 0, called = 0, served = 0, ratings = 0, received = 0, resolved = 0, robotsTotal = 0;
        var byCode = fleet.Wards.ToDictionary(w => w.Code, StringComparer.Ordinal);
        var days = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in wards.RootElement.EnumerateArray())
        {
            var code = w.GetProperty("code").GetString()!;
            var sim = byCode[code];
            var dossiers = w.GetProperty("dossiers");
            var shown = (
                Issued: w.GetProperty("ticketsIssued").GetInt64(),
                Called: w.GetProperty("ticketsCalled").GetInt64(),
                Served: w.GetProperty("ticketsServed").GetInt64(),
                Ratings: w.GetProperty("ratings").GetInt64(),
                Received: dossiers.GetProperty("received").GetInt64(),
                Resolved: dossiers.GetProperty("resolvedOnTime").GetInt64() + dossiers.GetProperty("resolvedLate").GetInt64());
            if (w.TryGetProperty("day", out var day) && day.GetString() is { } d) days.Add(d);
            issued += shown.Issued; called += shown.Called; served += shown.Served;
            ratings += shown.Ratings; received += shown.Received; resolved += shown.Resolved;
            robotsTotal += w.GetProperty("robotsTotal").GetInt64();
            v.WardsChecked++;
            var sent = (sim.Issued, sim.Called, sim.Served, sim.Ratings, sim.DossiersReceived, sim.DossiersResolved);
            if (shown != sent)
            {
                v.WardsMismatched++;
                if (v.Problems.Count < 10) v.Problems.Add($"ward {code}: sent {sent}, shown {shown} (issued, called, served, ratings, dossiers received, resolved)");
            }
        }
        long Sum(Func<WardSim, long> f) => fleet.Wards.Sum(f);
        v.Figures.Add(new Figure("ticketsIssued", Sum(w => w.Issued), issued));
        v.Figures.Add(new Figure("ticketsCalled", Sum(w => w.Called), called));
        v.Figures.Add(new Figure("ticketsServed", Sum(w => w.Served), served));
        v.Figures.Add(new Figure("ratings", Sum(w => w.Ratings), ratings));
        v.Figures.Add(new Figure("dossiers.received", Sum(w => w.DossiersReceived), received));
        v.Figures.Add(new Figure("dossiers.resolvedOnTime + resolvedLate", Sum(w => w.DossiersResolved), resolved));
        v.Figures.Add(new Figure("robotsTotal (provisioned robots)", fleet.Count(DeviceKind.Robot), robotsTotal));
        if (days.Count > 1) v.Problems.Add($"wards are on different days ({string.Join(", ", days)}): the run crossed midnight in Hanoi");

        // Every ward's detail: each robot and desk must show the latest state acknowledged.
        var robots = fleet.Devices.Where(d => d.Kind == DeviceKind.Robot && d.Acked).ToLookup(d => d.Ward!.Code);
        var desks = fleet.Devices.Where(d => d.Kind == DeviceKind.Counter && d.Acked).ToLookup(d => d.Ward!.Code);
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int robotsChecked = 0, robotsOk = 0, desksChecked = 0, desksOk = 0;
        await Parallel.ForEachAsync(fleet.Wards, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (ward, _) =>
        {
            using var detail = await api.Get($"/api/v1/wards/{ward.Code}");
            var shownRobots = detail.RootElement.GetProperty("robots").EnumerateArray()
                .ToDictionary(r => r.GetProperty("deviceId").GetString()!, r => r.Clone(), StringComparer.Ordinal);
            foreach (var d in robots[ward.Code])
            {
                Interlocked.Increment(ref robotsChecked);
                var why = !shownRobots.TryGetValue(d.Id, out var r) ? "missing" : RobotDiff(d, r);
                if (why is null) Interlocked.Increment(ref robotsOk);
                else problems.Enqueue($"robot {d.Id}: {why}");
            }
            var shownDesks = detail.RootElement.GetProperty("counters").EnumerateArray()
                .ToDictionary(c => c.GetProperty("counter").GetString()!, c => c.Clone(), StringComparer.Ordinal);
            foreach (var d in desks[ward.Code])
            {
                Interlocked.Increment(ref desksChecked);
                var why = !shownDesks.TryGetValue(d.Label, out var c) ? "missing" : DeskDiff(d, c);
                if (why is null) Interlocked.Increment(ref desksOk);
                else problems.Enqueue($"counter {d.Id}: {why}");
            }
        });
        v.RobotsChecked = robotsChecked;
        v.RobotsMatching = robotsOk;
        v.CountersChecked = desksChecked;
        v.CountersMatching = desksOk;
        v.Problems.AddRange(problems.Take(10));
        return v;
    }

    /// <summary>
    /// Waits until the wards' business counts (tickets, ratings) equal what was acknowledged, at most
    /// <paramref name="seconds"/>; returns the seconds it took, or null when they never did.
    /// </summary>
    public async Task<double?> WaitForCounts(int seconds)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        long sent = fleet.Wards.Sum(w => w.Issued + w.Called + w.Served + w.Ratings);
        while (true)
        {
            using var wards = await api.Get("/api/v1/wards");
            long shown = 0;
            foreach (var w in wards.RootElement.EnumerateArray())
                shown += w.GetProperty("ticketsIssued").GetInt64() + w.GetProperty("ticketsCalled").GetInt64()
                       + w.GetProperty("ticketsServed").GetInt64() + w.GetProperty("ratings").GetInt64();
            if (shown == sent) return sw.Elapsed.TotalSeconds;
            if (sw.Elapsed.TotalSeconds > seconds) return null;
            await Task.Delay(250);
        }
    }

    private static string? RobotDiff(Device d, JsonElement r)
    {
        if (r.GetProperty("pose") is not { ValueKind: JsonValueKind.Object } pose) return "no pose";
        var x = pose.GetProperty("x").GetDouble();
        var y = pose.GetProperty("y").GetDouble();
        var battery = r.GetProperty("battery").GetDouble();
        var mode = r.GetProperty("mode").GetString();
        var seen = r.GetProperty("lastSeen").GetString() is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() : 0;
        return Math.Abs(x - d.AckX) < 1e-9 && Math.Abs(y - d.AckY) < 1e-9 && Math.Abs(battery - d.AckBattery) < 1e-9 && mode == d.AckMode && seen == d.AckTsMs
            ? null
            : $"shown x={x} y={y} battery={battery} mode={mode} at {seen}, last acknowledged x={d.AckX} y={d.AckY} battery={d.AckBattery} mode={d.AckMode} at {d.AckTsMs}";
    }

    private static string? DeskDiff(Device d, JsonElement c)
    {
        var status = c.GetProperty("status").GetString();
        var services = c.GetProperty("services").EnumerateArray().Select(s => s.GetString()!).ToArray();
        return status == d.AckStatus && services.SequenceEqual(d.AckServices ?? [])
            ? null
            : $"shown {status} [{string.Join(",", services)}], last acknowledged {d.AckStatus} [{string.Join(",", d.AckServices ?? [])}]";
    }
}
