using System.Globalization;
using System.Net;
using System.Text;
using Ioc.Bench.Ingest;

// Load generator for POST /api/v1/telemetry (telemetry-v1). Start it through bench/run-ingest.sh,
// which builds and starts the center as its own process and passes its URL and PID.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// The clock the events carry: the machine's, or the center's business clock when it was started at a chosen time.
Func<long> nowMs = options.BusinessStart is { } bStart
    ? () => (bStart + (DateTimeOffset.UtcNow - (options.BusinessAnchor ?? DateTimeOffset.UtcNow))).ToUnixTimeMilliseconds()
    : () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

// Workers hold at most one request each; keep every connection open for the whole run.
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 8), minIo);
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = Math.Max(options.Concurrency, 16) * 2,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseProxy = false,
};
using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };

var runId = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
var fleet = new Fleet(options.Devices, options.DevicePrefix, options.Seed, options.Region);
var api = new CenterApi(http);
Console.WriteLine($"IOC ingest benchmark against {options.Url} (center pid {(options.Pids.Count > 0 ? string.Join(",", options.Pids) : "unknown")}{(options.IngestUrl is { } iu ? $", telemetry to {iu}" : "")}), run {runId}");
Console.WriteLine($"  fleet: {fleet.Count(DeviceKind.Robot)} robots, {fleet.Count(DeviceKind.Counter)} counters, {fleet.Count(DeviceKind.Kiosk)} kiosks, " +
                  $"{fleet.Count(DeviceKind.DossierSystem)} dossier-system over {fleet.Wards.Count} wards");

// The center's CPU with nothing to do, before any device exists (baseline for the idle figure after the load).
var idleStart0 = Proc.CpuSeconds(options.Pids);
await Task.Delay(TimeSpan.FromSeconds(3));
var idleStart1 = Proc.CpuSeconds(options.Pids);
double? idleBefore = idleStart0 is { } s0 && idleStart1 is { } s1 ? (s1 - s0) / 3 : null;
var rssStart = Proc.RssKb(options.Pids);
var gcStart = await Proc.GcHeapMb(options.DotnetCounters, options.Pids);
var liveStart = await Proc.LiveHeapMb(options.DotnetGcdump, options.Pids);
Console.WriteLine($"  {options.Target} RSS before provisioning: {Mb(rssStart)}{(gcStart is { } g0 ? $", GC heap {g0:0.0} MiB" : "")}");
var provisionTook = TimeSpan.Zero;
if (options.Bare)
{
    // A bare endpoint knows no devices: every device sends with a dummy key.
    foreach (var d in fleet.Devices) d.Auth = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bare");
}
else
{
    await api.SignIn(options.AdminUser, options.AdminPassword);
    (provisionTook, var created, var rotated) = await api.ProvisionAll(fleet.Devices, fleet.Wards, options.ProvisionConcurrency);
    Console.WriteLine($"  provisioned {fleet.Devices.Count} devices in {provisionTook.TotalSeconds:0.0} s ({created} created, {rotated} re-keyed; " +
                      $"{fleet.Devices.Count / provisionTook.TotalSeconds:0} devices/s, concurrency {options.ProvisionConcurrency})");
}
var rssProvisioned = Proc.RssKb(options.Pids);

await using var mqtt = options.Mqtt is { } broker ? new MqttDevices(broker[..broker.LastIndexOf(':')], int.Parse(broker[(broker.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture)) : null;
if (mqtt is not null)
{
    var took = await mqtt.ConnectAll(fleet.Devices, options.ProvisionConcurrency);
    Console.WriteLine($"  {fleet.Devices.Count(MqttDevices.CanPublish)} devices connected to the MQTT broker {options.Mqtt} in {took.TotalSeconds:0.0} s (the dossier system, writing many wards, sits out)");
}

var runner = new LoadRunner(http, fleet, options, nowMs, runId, mqtt);
var verifier = new Verifier(api, fleet, runner.Totals);
// Per phase with --settle: how long the figures took to catch up, and events acknowledged ÷ (phase + that wait).
var settled = new Dictionary<int, (double? Seconds, double AppliedPerSecond)>();
var openLoop = options.PeriodSeconds > 0 ? new OpenLoopRunner(runner, fleet, options) : null;
var phases = new List<PhaseResult>();
foreach (var batch in options.Batches)
{
    Console.WriteLine(openLoop is null
        ? $"  phase: batch {batch}, {options.Concurrency} concurrent requests, {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured"
        : $"  phase: batch {batch} from every device every {options.PeriodSeconds:0.#} s (open loop, target {fleet.Devices.Count * batch / options.PeriodSeconds:N0} events/s, at most {options.Concurrency} in flight), " +
          $"{options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured");
    var eventsBefore = Interlocked.Read(ref runner.Totals.EventsAcked);
    var phaseClock = System.Diagnostics.Stopwatch.StartNew();
    var r = openLoop is null ? await runner.RunPhase(batch) : await openLoop.RunPhase(batch);
    phases.Add(r);
    if (options.SettleSeconds > 0 && !options.Bare)
    {
        var waited = await verifier.WaitForCounts(options.SettleSeconds);
        var applied = (Interlocked.Read(ref runner.Totals.EventsAcked) - eventsBefore) / phaseClock.Elapsed.TotalSeconds;
        settled[batch] = (waited, applied);
        Console.WriteLine($"    figures caught up {(waited is { } w ? $"{w:0.0} s" : $"NOT within {options.SettleSeconds} s")} after the phase: {applied:N0} events/s applied (phase incl. warm-up and that wait)");
    }
    Console.WriteLine($"    => {r.EventsPerSecond:N0} events/s, {r.RequestsPerSecond:N0} req/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, max {r.MaxMs:0.0} ms, " +
                      $"errors {r.Errors}; center {Cores(r.CenterCores)} cores, {(r.CenterMicrosPerEvent is { } us ? $"{us:0.0} µs CPU/event, " : "")}generator {r.GeneratorCores:0.00} cores, other processes {Cores(r.OtherCores)} cores");
    if (r.ErrorSample is { } sample) Console.WriteLine($"    error sample: {sample}");
    await Task.Delay(TimeSpan.FromSeconds(2));
}

// Memory per device grain: the center's growth from before provisioning to after the load, over
// the device grains the load activated (one per robot, one per desk).
await Task.Delay(TimeSpan.FromSeconds(2));
// With no traffic, what the center spends on keeping thousands of devices (timers, ticks).
var idle0 = Proc.CpuSeconds(options.Pids);
await Task.Delay(TimeSpan.FromSeconds(5));
var idle1 = Proc.CpuSeconds(options.Pids);
double? idleCores = idle0 is { } i0 && idle1 is { } i1 ? (i1 - i0) / 5 : null;
var rssAfter = Proc.RssKb(options.Pids);
var gcAfter = await Proc.GcHeapMb(options.DotnetCounters, options.Pids);
var liveAfter = await Proc.LiveHeapMb(options.DotnetGcdump, options.Pids);
var grains = fleet.Devices.Count(d => d.Acked && d.Kind is DeviceKind.Robot or DeviceKind.Counter);

var verification = new Verification();
if (!options.Bare)
{
    Console.WriteLine("  checking that every event was applied (GET /api/v1/wards and every /api/v1/wards/{code}) ...");
    verification = await verifier.Run();
    // A broker that acknowledges on receipt: the last states may still be on their way to the ward.
    var until = DateTime.UtcNow.AddSeconds(options.SettleSeconds);
    while (!verification.AllApplied && DateTime.UtcNow < until)
    {
        await Task.Delay(1000);
        verification = await verifier.Run();
    }
}

var t = runner.Totals;
var report = new StringBuilder();
var nowText = JsonOut.TimeText(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
report.AppendLine(CultureInfo.InvariantCulture, $"## Ingest benchmark{(options.Bare ? $" ({options.Target})" : "")}, {nowText[..16].Replace('T', ' ')} (+07:00), run {runId}, region {options.Region}");
report.AppendLine();
if (options.Machine.Length > 0) report.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {options.Machine}. Load generator and center share it.");
if (options.Command.Length > 0) report.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{options.Command}`");
if (options.ServerCommand.Length > 0) report.AppendLine(CultureInfo.InvariantCulture, $"- Center ({(options.Pids.Count > 1 ? $"processes {string.Join(", ", options.Pids)}, figures summed over them" : $"separate process, pid {options.Pid}")}): `{options.ServerCommand}`");
if (options.Mqtt is not null) report.AppendLine(CultureInfo.InvariantCulture, $"- Transport: MQTT 5, QoS 1, one connection per device, to {options.Target} at {options.Mqtt}; latency = publish sent to PUBACK received.");
if (options.Revision.Length > 0) report.AppendLine(CultureInfo.InvariantCulture, $"- Center built from: {options.Revision} (Release).");
report.AppendLine($"- Generator: `Ioc.Bench.Ingest --devices {options.Devices} --concurrency {options.Concurrency} --batches {string.Join(',', options.Batches)} " +
                  $"--warmup {options.Warmup.TotalSeconds:0} --duration {options.Duration.TotalSeconds:0} --business-share {options.BusinessShare} --region {options.Region}" +
                  (options.PeriodSeconds > 0 ? $" --period {options.PeriodSeconds}" : "") + (options.Bare ? " --bare true" : "") + "`; " +
                  (options.PeriodSeconds > 0
                      ? $"open loop: every device sends one batch every {options.PeriodSeconds:0.#} s on its own schedule, at most {options.Concurrency} requests in flight, latency = scheduled send to 202 received (waiting to be sent counts); {openLoop!.Skipped:N0} slots skipped because the device's previous batch was still unanswered."
                      : "closed loop, one device per request, latency = request sent to 202 received."));
report.AppendLine($"- Fleet: {fleet.Count(DeviceKind.Robot)} robots, {fleet.Count(DeviceKind.Counter)} counters, {fleet.Count(DeviceKind.Kiosk)} kiosks, " +
                  $"1 dossier-system (all {fleet.Wards.Count} wards)." + (options.Bare ? "" : $" Provisioning: {provisionTook.TotalSeconds:0.0} s ({fleet.Devices.Count / provisionTook.TotalSeconds:0} devices/s)."));
var stateShare = t.EventsAcked > 0 ? (double)t.StatesAcked / t.EventsAcked : 0;
report.AppendLine(CultureInfo.InvariantCulture, $"- Mix of acknowledged events: {t.StatesAcked:N0} state messages ({stateShare:P1}), {t.BusinessAcked:N0} business events " +
                  $"(tickets issued/called/served, ratings, dossiers received/resolved).");
if (options.BusinessStart is { } bs) report.AppendLine(CultureInfo.InvariantCulture, $"- Business clock: the center ran `Ioc:Clock:Start={bs:O}` (real time was near midnight in Hanoi); `ts` follows that clock.");
report.AppendLine();
report.AppendLine("| batch | events/s | req/s | p50 ack | p99 ack | max ack | errors | center CPU | center CPU per event | generator CPU | other processes |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in phases)
{
    var errors = r.Errors == 0 ? "0" : $"{r.Errors} ({string.Join(", ", r.ErrorsByKind.Select(kv => $"{kv.Key}: {kv.Value}"))})";
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Batch:N0} | {r.EventsPerSecond:N0} | {r.RequestsPerSecond:N0} | {r.P50Ms:0.0} ms | {r.P99Ms:0.0} ms | {r.MaxMs:0.0} ms | {errors} | {Cores(r.CenterCores)} cores | {(r.CenterMicrosPerEvent is { } us ? $"{us:0.0} µs" : "n/a")} | {r.GeneratorCores:0.00} cores | {Cores(r.OtherCores)} cores |");
}
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Each phase: {options.Warmup.TotalSeconds:0} s warm-up, then {options.Duration.TotalSeconds:0} s measured; events/s = events acknowledged by 202 in the window / window length. " +
                  $"CPU columns are cores used on average in the window (from /proc); \"other processes\" is the rest of the machine's busy time (the machine is shared), which the two processes did not get. " +
                  $"Whole run: {t.Requests:N0} requests, {t.Acked:N0} answered 202, {t.Failed:N0} not (of which {t.Uncertain:N0} 5xx/no answer).");
if (settled.Count > 0)
{
    report.AppendLine();
    report.AppendLine("The broker acknowledges on receipt; the ingest applies afterwards. After each phase the generator waited for the wards' counts to match what was acknowledged:");
    report.AppendLine();
    report.AppendLine("| batch | acknowledged events/s (window) | figures caught up after | applied events/s (phase incl. warm-up and wait) |");
    report.AppendLine("|---:|---:|---:|---:|");
    foreach (var r in phases)
        if (settled.TryGetValue(r.Batch, out var st))
            report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Batch:N0} | {r.EventsPerSecond:N0} | {(st.Seconds is { } w ? $"{w:0.0} s" : "not in time")} | {st.AppliedPerSecond:N0} |");
}
report.AppendLine();
report.AppendLine("Every 5 s of each measured window (events/s, center CPU µs per event):");
report.AppendLine();
foreach (var r in phases)
    report.AppendLine(CultureInfo.InvariantCulture, $"- batch {r.Batch:N0}: {string.Join(" · ", r.Timeline.Select(x => $"{x.EventsPerSecond / 1000:0}k/{(x.MicrosPerEvent is { } us ? us.ToString("0.0", CultureInfo.InvariantCulture) : "?")}µs"))}");
foreach (var r in phases.Where(r => r.ErrorSample is not null))
    report.AppendLine(CultureInfo.InvariantCulture, $"\nError sample at batch {r.Batch}: `{r.ErrorSample!.Replace('`', '\'').Replace('\n', ' ')}`");
if (options.Bare) goto written;
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"**Every event applied: {(verification.AllApplied ? "yes" : "NO")}.**");
report.AppendLine();
report.AppendLine("| check | sent (acknowledged) | shown by the center |");
report.AppendLine("|---|---:|---:|");
foreach (var f in verification.Figures)
    report.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Sent:N0} | {f.Shown:N0}{(f.Ok ? "" : " ✗")} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| wards whose six counts all match | {verification.WardsChecked} | {verification.WardsChecked - verification.WardsMismatched} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| robots showing their last acknowledged pose, battery, mode, time | {verification.RobotsChecked:N0} | {verification.RobotsMatching:N0} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| desks showing their last acknowledged status and services | {verification.CountersChecked:N0} | {verification.CountersMatching:N0} |");
foreach (var p in verification.Problems) report.AppendLine(CultureInfo.InvariantCulture, $"\n- {p}");
report.AppendLine();
var perGrain = rssStart is { } a && rssAfter is { } b && grains > 0 ? (b - a) / (double)grains : (double?)null;
report.AppendLine($"Memory (center RSS from /proc/{string.Join(",", options.Pids)}/status{(options.Pids.Count > 1 ? ", summed" : "")}): {Mb(rssStart)} before provisioning, {Mb(rssProvisioned)} after, " +
                  $"{Mb(rssAfter)} after the load with {grains:N0} device grains active " +
                  $"→ **{(perGrain is { } pg ? $"{pg:0.0} KiB" : "n/a")} per device grain** (RSS growth / device grains; it also holds the ward grains' growing state, " +
                  "ingest caches and GC headroom, so it is an upper bound).");
if (idleCores is { } ic)
    report.AppendLine(CultureInfo.InvariantCulture, $"Center CPU with no requests: {Cores(idleBefore)} cores before provisioning, {ic:0.00} cores right after the load ({grains:N0} device grains active, {fleet.Devices.Count:N0} devices known to ingest).");
if (gcStart is { } gs && gcAfter is { } ga)
    report.AppendLine(CultureInfo.InvariantCulture, $"GC heap after last collection (dotnet-counters, includes garbage not yet collected): {gs:0.0} MiB before, {ga:0.0} MiB after → {(ga - gs) * 1024 / Math.Max(1, grains):0.0} KiB per device grain.");
if (liveStart is { } ls && liveAfter is { } la)
    report.AppendLine(CultureInfo.InvariantCulture, $"Live managed heap after a forced full GC (dotnet-gcdump): {ls:0.0} MiB before, {la:0.0} MiB after → **{(la - ls) * 1024 / Math.Max(1, grains):0.0} KiB per device grain** (still includes the {fleet.Wards.Count:N0} ward grains' grown state and the ingest's per-device caches).");
written:
report.AppendLine();

var text = report.ToString();
// For scripts that compare two targets: one line per phase.
foreach (var r in phases)
    Console.WriteLine($"RESULT target={options.Target.Replace(' ', '_')} batch={r.Batch} events_per_s={r.EventsPerSecond:0} p50_ms={r.P50Ms:0.0} p99_ms={r.P99Ms:0.0} cpu_us_per_event={r.CenterMicrosPerEvent:0.00} " +
                      $"applied_per_s={(settled.TryGetValue(r.Batch, out var st) ? st.AppliedPerSecond : r.EventsPerSecond):0} settled_s={(settled.TryGetValue(r.Batch, out var st2) ? st2.Seconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "never" : "0")} all_applied={(verification.AllApplied ? "yes" : "no")}");
Console.WriteLine();
Console.WriteLine(text);
if (options.Out is { } outFile)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
    if (!File.Exists(outFile))
        await File.WriteAllTextAsync(outFile, "# Ingest benchmark results\n\nWritten by `bench/run-ingest.sh` (load generator `bench/Ioc.Bench.Ingest`); newest last.\n\n");
    await File.AppendAllTextAsync(outFile, text);
    Console.WriteLine($"Appended to {outFile}");
}
return verification.AllApplied ? 0 : 1;

static string Mb(long? kb) => kb is { } k ? $"{k / 1024.0:0} MiB" : "n/a";
static string Cores(double? c) => c is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
