using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ioc.Bench.Live;

// Live-feed benchmark: event-to-screen latency (SignalR client, watched ward, Chromium) and how
// many concurrent SignalR clients one center holds. Start it through bench/run-live.sh, which
// builds and starts the center as its own process and passes its URL, PID and data folder.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

LiveOptions options;
try
{
    options = LiveOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LiveOptions.Usage);
    return 2;
}

// A thousand connections each wake a worker per frame: do not wait for the pool to grow.
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 32), Math.Max(minIo, 32));
using var handler = new SocketsHttpHandler
{
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseProxy = false,
};
using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };

var clock = BusinessClock.Load(options.DataPath);
if (clock is null) Console.WriteLine("  (no clock.json in --data: frame ages assume the center runs on the machine clock)");
clock ??= BusinessClock.Machine();
var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
var hanoi = TimeSpan.FromHours(7);
string Biz(DateTimeOffset t) => t.ToOffset(hanoi).ToString("HH:mm", CultureInfo.InvariantCulture);
Console.WriteLine($"IOC live-feed benchmark against {options.Url} (center pid {options.Pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}), run {runId}");
Console.WriteLine($"  business clock: {clock.Speed:0}×, now {clock.Now().ToOffset(hanoi):yyyy-MM-dd HH:mm:ss} in Hanoi on the center's clock");

Quiet.MaxWaitSeconds = options.QuietWait;
Quiet.MaxOthers = options.QuietCores;
var api = new CenterApi(http);
await api.SignIn(options.AdminUser, options.AdminPassword);
await using var probe = new Probe(options.Url, api.Token, options.Deltas);
probe.CountUpdates = true;
if (options.Trace is not null) probe.Trace = new();
await probe.Start();
Console.WriteLine($"  probe connected; watching the feed for {options.Warmup} s (background: the center's simulator)");
var warmFrom = Stopwatch.GetTimestamp();
await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
probe.CountUpdates = false;

// The wards to post in: the quietest and the busiest of the warm-up (by how often their line changed).
List<string> wards;
string quiet, busy;
if (options.Wards.Count > 0)
{
    wards = [.. options.Wards];
    quiet = wards[0];
    busy = wards[^1];
}
else
{
    var updates = probe.UpdatesByWard;
    var codes = probe.WaitingByFrame.IsEmpty ? [] : updates.Keys.ToList();
    if (codes.Count == 0) throw new InvalidOperationException("No wall frame arrived in the warm-up.");
    quiet = codes.OrderBy(c => updates[c]).ThenBy(c => probe.LastWall(c)?.TicketsIssued ?? 0).ThenBy(c => c, StringComparer.Ordinal).First();
    busy = codes.OrderByDescending(c => updates[c]).ThenByDescending(c => probe.LastWall(c)?.TicketsIssued ?? 0).ThenBy(c => c, StringComparer.Ordinal).First();
    wards = quiet == busy ? [quiet] : [quiet, busy];
}
var warmSeconds = Stopwatch.GetElapsedTime(warmFrom).TotalSeconds;
string Rate(string code) => probe.UpdatesByWard.TryGetValue(code, out var u) ? $"{u / warmSeconds:0.0} changes/s in the warm-up" : "no change seen in the warm-up";
Console.WriteLine($"  sample wards: {quiet} (quiet: {Rate(quiet)}){(wards.Count > 1 ? $", {busy} (busy: {Rate(busy)})" : "")}");
var wardRates = wards.ToDictionary(w => w, Rate);
foreach (var w in wards)
{
    await api.ProvisionKiosk(w);
    await probe.Watch(w);
}
await Task.Delay(1000);
var sampler = new Sampler(api, probe, clock);

// ---- 0. Bytes on the wire ------------------------------------------------------------------------
WireBytes? wire = null;
if (options.BytesWindow > 0)
{
    Console.WriteLine($"  phase 0: bytes on the wire for {options.BytesWindow} s: JSON and MessagePack, full frames and UseDeltas, side by side");
    var biz0 = clock.Now();
    var (window, first, cpu0) = await new WireRun(options, api.Token).Run();
    wire = new WireBytes(window, first, cpu0, Biz(biz0), Biz(clock.Now()));
    foreach (var w in window)
        Console.WriteLine($"    {w.Client}: {w.Bytes / w.Seconds / 1024:0.0} KiB/s, wall {w.Frames("wall")} frames, wallDelta {w.Frames("wallDelta")} frames, seq gaps {w.SeqGaps}");
}

// ---- 1. Event to frame, SignalR ------------------------------------------------------------
Console.WriteLine($"  phase 1: {options.Samples} events, one at a time, {options.MinGapMs}–{options.MaxGapMs} ms apart, alternating over {string.Join(", ", wards)}");
for (var i = 0; i < 4; i++) await sampler.One(wards[i % wards.Count], true, TimeSpan.FromSeconds(3)); // warm-up, not measured
await Quiet.Wait(options.Pid, "samples");
var rng = new Random(options.Seed);
var samples = new List<Sample>();
var framesBefore = probe.Frames.Count;
var (issued0, received0) = CityCounts(probe);
var cpu1 = new CpuMeter(options.Pid);
var biz1From = clock.Now();
var phase1FromTs = Stopwatch.GetTimestamp();
var phase1Watch = Stopwatch.StartNew();
for (var i = 0; i < options.Samples; i++)
{
    var started = Stopwatch.GetTimestamp();
    var sample = await sampler.One(wards[i % wards.Count], true, TimeSpan.FromSeconds(3));
    samples.Add(sample);
    if (sample.WallMs is not { } wallMs || wallMs > 400)
        Console.WriteLine($"    slow: ward {sample.Ward} wall {Stats.Ms(sample.WallMs)} (built {Stats.Ms(sample.BuiltMs)}, delivered {Stats.Ms(sample.DeliveredMs)}), ward frame {Stats.Ms(sample.WardMs)}, 202 {sample.AckMs:0} ms, business {Biz(clock.ToBusiness(sample.StartUtc))}");
    if ((i + 1) % 25 == 0)
    {
        var done = samples.Where(s => s.WallMs.HasValue).Select(s => s.WallMs!.Value).ToList();
        Console.WriteLine($"    {i + 1}/{options.Samples}: wall frame p50 {Stats.Ms(Stats.Pct(done, 50))}, p99 {Stats.Ms(Stats.Pct(done, 99))}");
    }
    var gap = rng.Next(options.MinGapMs, options.MaxGapMs + 1) - Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(20, gap)));
}
var cpuPhase1 = cpu1.Stop();
var phase1Seconds = phase1Watch.Elapsed.TotalSeconds;
var biz1To = clock.Now();
var framesPhase1 = probe.Frames.Count - framesBefore;
var phase1Gaps = FrameGaps.Of(probe.Frames.Where(f => f.ArrivalTs >= phase1FromTs).Select(f => f.At), clock.Speed);
var (issued1, received1) = CityCounts(probe);
var rssAfter1 = Proc.RssKb(options.Pid);

// ---- 1b. Event to DOM, Chromium ---------------------------------------------------------------
BrowserResult? browserResult = null;
string? browserSkipped = null;
if (!options.Browser) browserSkipped = "switched off (--browser false)";
else if (!File.Exists(options.Chromium)) browserSkipped = $"{options.Chromium} is missing (apt-get install -y chromium)";
else
{
    Console.WriteLine($"  phase 1b: {options.BrowserSamples} events in ward {quiet}, the wall open in Chromium");
    try
    {
        await Quiet.Wait(options.Pid, "browser samples");
        browserResult = await new BrowserRun(options, probe, sampler).Run(quiet, options.BrowserSamples);
    }
    catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException or InvalidOperationException)
    {
        browserSkipped = $"failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
        Console.WriteLine($"    browser phase {browserSkipped}");
    }
}
var biz1bTo = clock.Now();

// ---- 2. Concurrent clients ---------------------------------------------------------------------
List<FanStep> steps = [];
if (options.Clients.Count > 0)
{
    Console.WriteLine($"  phase 2: concurrent clients {string.Join(", ", options.Clients.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}; " +
                      $"{options.Settle} s settle + {options.Window} s measured + {options.Drain} s drain per step");
    steps = await new FanOut(options, api.Token, clock, sampler, quiet).Run();
}

// ---- 3. A change inside the ward's publish throttle --------------------------------------------
var pairs = new List<double?>();
string pairsSpan = "";
if (options.Pairs > 0)
{
    Console.WriteLine($"  phase 3: {options.Pairs} pairs of events 60–180 ms apart in ward {quiet} (the second one waits for the ward's deferred publish)");
    await Quiet.Wait(options.Pid, "pairs");
    var from = clock.Now();
    var prng = new Random(options.Seed + 3);
    for (var i = 0; i < options.Pairs; i++)
    {
        var ms = await sampler.Pair(quiet, prng.Next(60, 181), TimeSpan.FromSeconds(options.PairTimeout));
        pairs.Add(ms);
        if (ms is not { } v || v > 600) Console.WriteLine($"    pair {i + 1}: second event → wall {(ms is { } x ? $"{x:0} ms" : $"not within {options.PairTimeout} s")}");
        await Task.Delay(prng.Next(700, 1300));
    }
    pairsSpan = $"{Biz(from)}–{Biz(clock.Now())}";
}

// ---- Report ----------------------------------------------------------------------------------
var report = Report.Build(new ReportInput(
    options, runId, clock, wards, quiet, busy, wardRates, wire, probe.SeqGaps, probe.WardCount,
    samples, cpuPhase1, phase1Seconds, framesPhase1, phase1Gaps, issued1 - issued0, received1 - received0, Biz(biz1From), Biz(biz1To), rssAfter1,
    browserResult, browserSkipped, Biz(biz1To), Biz(biz1bTo),
    steps, pairs, pairsSpan));
Console.WriteLine();
Console.WriteLine(report);
if (options.Trace is { } traceFile)
{
    await File.WriteAllLinesAsync(traceFile, new[] { "phase,ward,start_utc,ack_ms,wall_ms,ward_ms,built_ms,delivered_ms,frame_at" }
        .Concat(samples.Select(s => Csv("1", s)))
        .Concat(browserResult?.Samples.Select(b => Csv("1b", b.Sample) + $",dom={b.DomMs:0.0}") ?? [])
        .Concat(steps.SelectMany(st => st.EventSamples.Select(s => Csv($"2:{st.Clients}", s)))));
    var t0 = probe.Frames.TryPeek(out var first) ? first.ArrivalTs : 0;
    await File.WriteAllLinesAsync(Path.ChangeExtension(traceFile, ".frames.csv"), new[] { "at,arrival_s,city_issued" }
        .Concat(probe.Frames.Select(f => $"{f.At:O},{(f.ArrivalTs - t0) / (double)Stopwatch.Frequency:0.000},{f.CityIssued}")));
    if (probe.Trace is { } lines) await File.WriteAllLinesAsync(Path.ChangeExtension(traceFile, ".feed.txt"), lines);
    Console.WriteLine($"Samples written to {traceFile} (frames beside it)");
}
if (options.Out is { } outFile)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
    if (!File.Exists(outFile))
        await File.WriteAllTextAsync(outFile, "# Live feed benchmark results\n\nWritten by `bench/run-live.sh` (client `bench/Ioc.Bench.Live`); newest last.\n\n");
    await File.AppendAllTextAsync(outFile, report);
    Console.WriteLine($"Appended to {outFile}");
}
return 0;

static string Csv(string phase, Sample s) =>
    $"{phase},{s.Ward},{s.StartUtc:O},{s.AckMs:0.0},{s.WallMs:0.0},{s.WardMs:0.0},{s.BuiltMs:0.0},{s.DeliveredMs:0.0},{s.FrameAt:O}";

static (long Issued, long Received) CityCounts(Probe probe) =>
    probe.Frames.LastOrDefault() is var (_, _, issued, received) ? (issued, received) : (0, 0);
