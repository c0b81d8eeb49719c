using System.Globalization;
using System.Text;

namespace Ioc.Bench.Live;

public sealed record ReportInput(
    LiveOptions Options,
    string RunId,
    BusinessClock Clock,
    IReadOnlyList<string> Wards,
    string Quiet,
    string Busy,
    IReadOnlyDictionary<string, string> WardRates,
    WireBytes? Wire,
    int ProbeSeqGaps,
    int WardCount,
    IReadOnlyList<Sample> Samples,
    CpuUse Phase1Cpu,
    double Phase1Seconds,
    int Phase1Frames,
    FrameGaps Phase1Gaps,
    long Phase1CityTickets,
    long Phase1CityDossiers,
    string Phase1From,
    string Phase1To,
    long? CenterRssAfterPhase1,
    BrowserResult? Browser,
    string? BrowserSkipped,
    string BrowserFrom,
    string BrowserTo,
    IReadOnlyList<FanStep> Steps,
    IReadOnlyList<double?> Pairs,
    string PairsSpan);

/// <summary>The markdown section of one run.</summary>
public static class Report
{
    private const double Goal = 250;

    public static string Build(ReportInput r)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void Line(string s = "") => sb.AppendLine(s);
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        Line($"## Live feed benchmark, {now:yyyy-MM-dd HH:mm} (+07:00), run {r.RunId}");
        Line();
        if (o.Machine.Length > 0) Line($"- Machine: {o.Machine}. The center, this client (and Chromium in 1b) share it.");
        if (File.Exists("/proc/loadavg")) Line($"- Load average (1/5/15 min) when the report was written: {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} (other engineers share the machine).");
        if (o.Command.Length > 0) Line($"- Command: `{o.Command}`");
        if (o.ServerCommand.Length > 0) Line($"- Center (separate process, pid {o.Pid}): `{o.ServerCommand}`");
        if (o.Revision.Length > 0) Line($"- Center built from: {o.Revision} (Release).");
        if (o.Simulator)
            Line($"- Background load: the center's own simulator ({r.WardCount} units' robots, desks, kiosks, dossier systems) on a {r.Clock.Speed:0}× business clock; " +
                 $"office hours are 08:00–12:00 and 13:00–17:00 on that clock (lunch = 1 real minute without business events, heartbeats go on; the simulator posts its devices' outboxes every 2 s). " +
                 $"During phase 1 ({r.Phase1From}–{r.Phase1To} business time) the wards showed {r.Phase1CityTickets / r.Phase1Seconds:0.0} tickets issued/s " +
                 $"and {r.Phase1CityDossiers / r.Phase1Seconds:0.0} dossiers received/s city-wide (real seconds), and wall frames came at {r.Phase1Frames / r.Phase1Seconds:0.00}/s.");
        else
            Line($"- **No background load**: the center's simulator was switched off (`--Ioc:Simulator:Enabled=false`), so only this client's events change the wards; " +
                 $"business clock {r.Clock.Speed:0}×. Wall frames came at {r.Phase1Frames / r.Phase1Seconds:0.00}/s during phase 1 ({r.Phase1From}–{r.Phase1To} business time).");
        var frameKind = o.Deltas ? "`wallDelta`" : "`wall`";
        Line($"- Region `{o.Region}` ({r.WardCount} units). The probe{(r.Steps.Count > 0 ? " and the fan-out clients" : "")} {(o.Deltas ? "call `UseDeltas()` (one full `wall` frame, then `wallDelta` frames with the wards that changed; seq checked)" : "are plain clients (full `wall` frames)")}; " +
             $"SignalR JSON protocol over WebSockets, negotiation skipped; every client uses the admin's bearer token. Probe seq gaps: {r.ProbeSeqGaps}.");
        Line($"- Event: one `ticket.issued` per POST `/api/v1/telemetry` from a kiosk provisioned for the run, `ts` = the center's business \"now\"; it raises the ward's `waiting` and `ticketsIssued` by one. " +
             $"A frame shows it when that ward's `ticketsIssued` is past the last frame before the POST **and** its `updatedAt` is not older than the POST (so a simulator ticket of the same ward cannot pass for ours). " +
             $"Wards: {string.Join(", ", r.Wards.Select(w => $"{w} ({(w == r.Quiet ? "quietest" : "busiest")} in the warm-up, {r.WardRates[w]})"))}.");
        Line();

        // ---- 0
        WireSection(r, Line);

        // ---- 1
        Line(o.Simulator ? "### 1. Event to screen (simulator running)" : "### 1. Event to screen (no simulator)");
        Line();
        var ok = r.Samples.Where(s => s.Accepted).ToList();
        Line($"{r.Samples.Count} events, one at a time, {o.MinGapMs}–{o.MaxGapMs} ms apart (uniform random, so the posts do not lock to the center's 250 ms timers), alternating over the wards; " +
             $"times from the POST's start. Center CPU {Cores(r.Phase1Cpu.Center)} cores, this client {r.Phase1Cpu.Bench:0.00}, other processes {r.Phase1Cpu.Others:0.00} (of {Environment.ProcessorCount}).");
        Line();
        Line("| path | ward | events | p50 | p90 | p99 | max | not seen in 3 s |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|");
        void Row(string path, string ward, IReadOnlyList<Sample> set, Func<Sample, double?> pick)
        {
            // An event not seen within the timeout counts as +∞: the percentiles are not flattered by leaving it out.
            var v = set.Select(pick).Select(x => x ?? double.PositiveInfinity).ToList();
            Line($"| {path} | {ward} | {set.Count} | {Stats.Ms(Stats.Pct(v, 50))} | {Stats.Ms(Stats.Pct(v, 90))} | {Stats.Ms(Stats.Pct(v, 99))} | {Stats.Ms(v.Count > 0 ? v.Max() : null)} | {v.Count(double.IsInfinity)} |");
        }
        foreach (var (label, pick) in new (string, Func<Sample, double?>)[]
                 {
                     ("POST → 202", s => s.AckMs),
                     ($"POST → first {frameKind} frame showing it", s => s.WallMs),
                     ("POST → `ward` frame (WatchWard)", s => s.WardMs),
                 })
        {
            if (r.Wards.Count > 1)
                foreach (var w in r.Wards) Row(label, $"{w} ({(w == r.Quiet ? "quiet" : "busy")})", ok.Where(s => s.Ward == w).ToList(), pick);
            Row(label, "all", ok, pick);
        }
        Line();
        Line("Where the `wall` latency goes (the frame's `at` is stamped when the city feed grain builds it; turned back into real time with the center's `clock.json`):");
        Line();
        Line("| part | p50 | p90 | p99 | max |");
        Line("|---|---:|---:|---:|---:|");
        void Part(string label, IEnumerable<double?> values)
        {
            var v = values.Where(x => x.HasValue).Select(x => x!.Value).ToList();
            Line($"| {label} | {Stats.Ms(Stats.Pct(v, 50))} | {Stats.Ms(Stats.Pct(v, 90))} | {Stats.Ms(Stats.Pct(v, 99))} | {Stats.Ms(v.Count > 0 ? v.Max() : null)} |");
        }
        Part("POST start → frame built (the ward's 50 ms summary throttle + the city feed's next frame, at most one per 250 ms + the POST itself)", ok.Select(s => s.BuiltMs));
        Part("frame built → frame parsed by this client (observer call, SignalR send, WebSocket, JSON)", ok.Select(s => s.DeliveredMs));
        Line();
        Line($"Time between consecutive wall frames in phase 1 (from their `at`): {r.Phase1Gaps.Text}. The city feed's timer asks for 250 ms.");
        var wallAll = ok.Select(s => s.WallMs ?? double.PositiveInfinity).ToList();
        var p99 = Stats.Pct(wallAll, 99);
        Line();
        Line($"Goal p99 ≤ {Goal:0} ms to the {frameKind} frame: **{(p99 is { } x && x <= Goal ? "met" : "missed")}** (p99 {Stats.Ms(p99)}; " +
             $"{wallAll.Count(v => v <= Goal) * 100.0 / Math.Max(1, wallAll.Count):0.0}% of the events within {Goal:0} ms).");
        Line();
        // api-v1 allows at most 4 frames a second; with a change for every frame, an event waits for the next one.
        Line("The floor: api-v1 allows at most 4 wall frames a second and here every frame has changes, so an event posted at a random moment " +
             "waits for the next frame, uniformly 0–250 ms: its p99 is 247.5 ms before the ward, the feed or the network has done anything.");
        Line();

        // ---- 1b
        var screen = BrowserScreen.For(o.Region, r.Quiet);
        Line($"#### 1b. Event to DOM in Chromium (`{screen.Path}`, signed in as admin)");
        Line();
        if (r.Browser is { } b)
        {
            var dom = b.Samples.Where(s => s.DomMs.HasValue).ToList();
            var domMs = b.Samples.Select(s => s.DomMs ?? double.PositiveInfinity).ToList();
            var same = b.Samples.Select(s => s.Sample.WallMs ?? double.PositiveInfinity).ToList();
            var lag = dom.Where(s => s.Sample.WallMs.HasValue).Select(s => s.DomMs!.Value - s.Sample.WallMs!.Value).ToList();
            var matched = dom.Count(s => s.DomWaiting is { } d && s.FrameWaiting is { } f && d == f);
            Line($"{b.Samples.Count} events in ward {r.Quiet} ({r.BrowserFrom}–{r.BrowserTo} business time), {o.MinGapMs}–{o.MaxGapMs} ms apart. Chromium {o.Chromium} headless " +
                 "(`--no-sandbox --disable-gpu …` as in tests/Ioc.Wall.Tests), 1600×900, vi-VN; signed in through the form at `/login`. " +
                 $"A MutationObserver in the page stamps (`Date.now()`) every render that changes `{screen.Frame}`'s `data-frame-at` or the ward's cell " +
                 $"`{screen.Cell}` (its tooltip holds the ward's waiting count); the event is on screen at the first render of a frame at least as new as the first frame that carried it, " +
                 "awaited with `page.WaitForFunctionAsync`.");
            Line();
            Line("| path | events | p50 | p90 | p99 | max | not seen in 5 s |");
            Line("|---|---:|---:|---:|---:|---:|---:|");
            Line($"| POST → DOM shows it | {b.Samples.Count} | {Stats.Ms(Stats.Pct(domMs, 50))} | {Stats.Ms(Stats.Pct(domMs, 90))} | {Stats.Ms(Stats.Pct(domMs, 99))} | {Stats.Ms(domMs.Count > 0 ? domMs.Max() : null)} | {domMs.Count(double.IsInfinity)} |");
            Line($"| POST → {frameKind} frame at the SignalR client (same events) | {b.Samples.Count} | {Stats.Ms(Stats.Pct(same, 50))} | {Stats.Ms(Stats.Pct(same, 90))} | {Stats.Ms(Stats.Pct(same, 99))} | {Stats.Ms(same.Count > 0 ? same.Max() : null)} | {same.Count(double.IsInfinity)} |");
            Line($"| DOM minus SignalR client, per event | {lag.Count} | {Stats.Ms(Stats.Pct(lag, 50))} | {Stats.Ms(Stats.Pct(lag, 90))} | {Stats.Ms(Stats.Pct(lag, 99))} | {Stats.Ms(lag.Count > 0 ? lag.Max() : null)} | |");
            Line();
            var since = dom.Where(s => s.SincePreviousRender.HasValue).Select(s => s.SincePreviousRender!.Value).ToList();
            Line($"Time from the wall's previous render to the render that showed the event: p50 {Stats.Ms(Stats.Pct(since, 50))}, p90 {Stats.Ms(Stats.Pct(since, 90))}, " +
                 $"min {Stats.Ms(since.Count > 0 ? since.Min() : null)}; {dom.Count(s => s.DomMs - s.Sample.WallMs > 30)} of {dom.Count} events reached the DOM more than 30 ms after " +
                 "the SignalR client had the frame (a feed frame renders the page at once; alert pushes and layout changes at most once per 100 ms).");
            Line();
            Line($"The ward's waiting figure in the cell equalled that frame's `waiting` in {matched} of {dom.Count} renders. " +
                 $"CPU during 1b: center {Cores(b.Cpu.Center)} cores, this client {b.Cpu.Bench:0.00}, Chromium and the rest {b.Cpu.Others:0.00}.{(b.Problem is null ? "" : $" Problem: {b.Problem}.")}");
            var domP99 = Stats.Pct(domMs, 99);
            Line();
            Line($"Goal p99 ≤ {Goal:0} ms on screen: **{(domP99 is { } d99 && d99 <= Goal ? "met" : "missed")}** (p99 {Stats.Ms(domP99)}).");
        }
        else Line($"Not measured: {r.BrowserSkipped}.");
        Line();

        // ---- 2
        Line("### 2. Concurrent live clients");
        Line();
        if (r.Steps.Count == 0) Line("Not measured (`--clients` empty).");
        else
        {
            Line($"Clients ramp up step by step and stay connected for the next step; each is a `HubConnection` (WebSockets, negotiation skipped, the one admin token){(o.Deltas ? " that calls `UseDeltas()`" : "")} and reads only each frame's `seq` and `at` " +
                 "(*seq gaps*: frames whose seq did not follow the one before on that client, over the step). " +
                 $"Per step: connect ({o.ConnectConcurrency} at a time), {o.Settle} s settle, {o.Window} s measured, {o.Drain} s for late frames. " +
                 "A frame belongs to the window when its first copy arrived in it. *Age* = arrival at a client − the frame's `at` (built, in real time); " +
                 "*spread* = last − first client to get a frame (over frames every client got); *within 1 s* = (client, frame) pairs with age ≤ 1 s over clients × frames (a frame never received counts as late). " +
                 "The probe client (one more connection) posts an event about once a second meanwhile: *event → wall*. CPU in cores from /proc over the window.");
            Line();
            Line("| clients | connected (failed), time | business time | frames/s | frame gap p99 / max | pairs within 1 s | seq gaps | age p50 | age p99 | age max | spread p50 | spread p99 | event → frame p50 / p99 | center CPU | client CPU | other CPU | center RSS | client RSS |");
            Line("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in r.Steps)
            {
                var ev = s.EventSamples.Where(e => e.Accepted).Select(e => e.WallMs ?? double.PositiveInfinity).ToList();
                var missing = s.PairsExpected - s.PairsDelivered;
                Line($"| {s.Clients:N0} | {s.Connected:N0} ({s.ConnectFailures}), {s.ConnectSeconds:0.0} s | {s.BusinessSpan} | {s.Frames / s.WindowSeconds:0.00} | {Stats.Ms(s.Gaps.P99)} / {Stats.Ms(s.Gaps.Max)} | " +
                     $"**{s.Within1sShare:P1}**{(missing > 0 ? $" ({missing:N0} pairs not delivered)" : "")} | {s.SeqGaps} | {Stats.Ms(s.AgeP50)} | {Stats.Ms(s.AgeP99)} | {Stats.Ms(s.AgeMax)} | " +
                     $"{Stats.Ms(s.SpreadP50)} | {Stats.Ms(s.SpreadP99)} | {Stats.Ms(Stats.Pct(ev, 50))} / {Stats.Ms(Stats.Pct(ev, 99))} ({ev.Count}) | " +
                     $"{Cores(s.Cpu.Center)} | {s.Cpu.Bench:0.00} | {s.Cpu.Others:0.00} | {Mb(s.CenterRssKb)} | {Mb(s.BenchRssKb)} |");
            }
            Line();
            var held = r.Steps.Where(s => s.ConnectFailures == 0 && s.Disconnected == 0 && s.Within1sShare >= 0.99).Select(s => s.Clients).DefaultIfEmpty(0).Max();
            Line($"Largest step with every client connected and ≥ 99% of (client, frame) pairs within 1 s: **{(held > 0 ? held.ToString("N0", CultureInfo.InvariantCulture) : "none")}** (goal 1,000). " +
                 $"Center RSS after phase 1: {Mb(r.CenterRssAfterPhase1)}.");
            foreach (var s in r.Steps.Where(s => s.Disconnected > 0 || s.FramesIncomplete > 0 || s.ConnectError is not null))
                Line($"\n- {s.Clients:N0} clients: {s.Disconnected} connections closed during the step, {s.FramesIncomplete} frames not received by every client{(s.ConnectError is null ? "" : $", first connect error: `{s.ConnectError}`")}.");
        }
        Line();

        // ---- 3
        if (r.Pairs.Count > 0)
        {
            Line("### 3. Check: a change inside a ward's 250 ms publish throttle");
            Line();
            var v = r.Pairs.Select(x => x ?? double.PositiveInfinity).ToList();
            Line($"{r.Pairs.Count} pairs of `ticket.issued` in ward {r.Quiet}, the second 60–180 ms after the first ({r.PairsSpan} business time): the first goes to the city feed at once, " +
                 $"the second only from the ward grain's deferred-publish timer. Time from the second POST to the first wall frame showing both:");
            Line();
            Line("| pairs | p50 | p90 | max | over 600 ms | over 1 s | not seen in " + o.PairTimeout + " s |");
            Line("|---:|---:|---:|---:|---:|---:|---:|");
            Line($"| {r.Pairs.Count} | {Stats.Ms(Stats.Pct(v, 50))} | {Stats.Ms(Stats.Pct(v, 90))} | {Stats.Ms(v.Count > 0 ? v.Max() : null)} | {v.Count(x => x > 600)} | {v.Count(x => x > 1000)} | {v.Count(double.IsInfinity)} |");
            Line();
            Line("Expected at most ≈ 250 ms (ward throttle) + 250 ms (city feed timer) + delivery.");
            Line();
        }
        return sb.ToString();
    }

    /// <summary>Phase 0: bytes per wall client and per frame, full frames against deltas, JSON against MessagePack.</summary>
    private static void WireSection(ReportInput r, Action<string> line)
    {
        void Line(string s = "") => line(s);
        Line("### 0. Bytes per wall client (simulator running)");
        Line();
        if (r.Wire is not { } wire)
        {
            Line("Not measured (`--bytes-window 0`).");
            Line();
            return;
        }
        var w0 = wire.Window.FirstOrDefault();
        Line($"Four city-wide clients side by side for {w0?.Seconds ?? 0:0} s ({wire.From}–{wire.To} business time), each a SignalR client written against the wire " +
             "(bench/Ioc.Bench.Live/WireClient.cs: WebSocket, no negotiation) that counts every hub message it receives: the whole message (envelope, target, arguments; " +
             "MessagePack with its length prefix), without WebSocket frame headers or TCP. *Full* = a plain client (a `wall` frame with every ward each time); " +
             $"*delta* = after `UseDeltas()` (`wallDelta` with the wards that changed). CPU: center {Cores(wire.Cpu.Center)} cores, other processes {wire.Cpu.Others:0.00}.");
        Line();
        Line("| client | bytes/s | frames/s | bytes per frame: mean | p50 | p99 | max | first full frame | seq gaps |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in wire.Window)
        {
            var kind = w.Deltas ? "wallDelta" : "wall";
            var sizes = w.Sizes(kind).Select(x => (double)x).ToList();
            var frames = w.Frames(kind);
            Line($"| {w.Client} | **{Bytes(w.Bytes / w.Seconds)}/s** ({w.Bytes * 8 / w.Seconds / 1e6:0.000} Mbit/s) | {frames / w.Seconds:0.00} | " +
                 $"{Bytes(sizes.Count > 0 ? sizes.Average() : null)} | {Bytes(Stats.Pct(sizes, 50))} | {Bytes(Stats.Pct(sizes, 99))} | {Bytes(sizes.Count > 0 ? sizes.Max() : null)} | " +
                 $"{Bytes(wire.FirstFrame.TryGetValue(w.Client, out var f) ? f : null)} | {w.SeqGaps} |");
        }
        Line();
        double? Rate(bool pack, bool deltas) => wire.Window.FirstOrDefault(w => w.MessagePack == pack && w.Deltas == deltas) is { } w ? w.Bytes / w.Seconds : null;
        if (Rate(false, false) is { } full && Rate(false, true) is { } delta && delta > 0)
            Line($"Deltas cut a JSON wall client's bytes by **{full / delta:0}×** ({Bytes(full)}/s → {Bytes(delta)}/s); 1,000 such clients: {full * 1000 * 8 / 1e6:0} Mbit/s full, {delta * 1000 * 8 / 1e6:0.0} Mbit/s with deltas" +
                 (Rate(true, true) is { } packed ? $"; MessagePack deltas {Bytes(packed)}/s ({packed / delta:P0} of JSON's)." : "."));
        Line("Bytes/s include everything the client received (pings every 15 s, `alert` pushes too).");
        Line();
    }

    private static string Bytes(double? b) => b switch
    {
        null => "n/a",
        >= 1024 * 1024 => $"{b / 1024 / 1024:0.00} MiB",
        >= 1024 => $"{b / 1024:0.0} KiB",
        { } v => $"{v:0} B",
    };

    private static string Cores(double? c) => c is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Mb(long? kb) => kb is { } k ? $"{k / 1024.0:0} MiB" : "n/a";
}
