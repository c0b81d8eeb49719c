using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ioc.Bench.Ingest;

/// <summary>One finished request: when it ended, how long it took, what the center said.</summary>
public readonly record struct Sample(long DoneTicks, long LatencyTicks, int Status, int Events, int Accepted);

public sealed class PhaseResult
{
    public int Batch { get; init; }
    public int Concurrency { get; init; }
    public double Seconds { get; init; }
    public long Requests { get; init; }
    public long Ok { get; init; }
    public long AcceptedEvents { get; init; }
    public double EventsPerSecond => Seconds > 0 ? AcceptedEvents / Seconds : 0;
    public double RequestsPerSecond => Seconds > 0 ? Ok / Seconds : 0;
    public double P50Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public long Errors { get; init; }
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();
    public string? ErrorSample { get; init; }
    public double? CenterCores { get; init; }
    public double GeneratorCores { get; init; }
    public double MachineBusy { get; init; }
    /// <summary>Cores busy with anything else on the machine (other people's builds and tests, the kernel).</summary>
    /// <summary>Center CPU time per acknowledged event: less sensitive to a shared machine than events/s.</summary>
    public double? CenterMicrosPerEvent => CenterCores is { } c && EventsPerSecond > 0 ? c * 1e6 / EventsPerSecond : null;
    public double? OtherCores => CenterCores is { } c ? Math.Max(0, MachineBusy * Environment.ProcessorCount - c - GeneratorCores) : null;
    public long? RssKbAfter { get; init; }
    /// <summary>Every 5 s of the window: events/s and the center's CPU µs per event.</summary>
    public IReadOnlyList<(double EventsPerSecond, double? MicrosPerEvent)> Timeline { get; init; } = [];
}

/// <summary>Everything sent and acknowledged over the whole run (warm-ups and drains included).</summary>
public sealed class Totals
{
    public long Requests, Acked, EventsAcked, Accepted, Duplicates, StatesAcked, BusinessAcked, Failed, Uncertain;
}

/// <summary>
/// Closed loop: <c>concurrency</c> workers, each sends one batch of one device, waits for the
/// answer, books it, and goes on with the next device.
/// </summary>
public sealed partial class LoadRunner
{
    private readonly HttpClient _http;
    private readonly Fleet _fleet;
    private readonly BenchOptions _options;
    private readonly Func<long> _nowMs;
    private readonly BatchBuilder[] _builders;
    private readonly Uri _telemetry;
    private readonly MqttDevices? _mqtt;
    private volatile bool _stop;
    internal bool Stopping => _stop;
    /// <summary>Ends the phase: workers (and the open loop's pacer) stop starting requests.</summary>
    internal void RequestStop() => _stop = true;
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _errorSamples = new(StringComparer.Ordinal);

    public Totals Totals { get; } = new();

    public string RunId { get; }

    public LoadRunner(HttpClient http, Fleet fleet, BenchOptions options, Func<long> nowMs, string runId, MqttDevices? mqtt = null)
    {
        _mqtt = mqtt;
        RunId = runId;
        _http = http;
        _fleet = fleet;
        _options = options;
        _nowMs = nowMs;
        _telemetry = new Uri(options.IngestUrl ?? options.Url, "/api/v1/telemetry");
        _builders = [.. Enumerable.Range(0, options.Concurrency).Select(i => new BatchBuilder(i, runId, options.BusinessShare, options.Seed + 1000 + i))];
    }

    public async Task<PhaseResult> RunPhase(int batch)
    {
        BeginPhase();
        var samples = Enumerable.Range(0, _options.Concurrency).Select(_ => new List<Sample>(1 << 16)).ToArray();
        var workers = Enumerable.Range(0, _options.Concurrency).Select(i => Task.Run(() => Worker(i, batch, samples[i]))).ToArray();
        return await Measure(batch, () => { RequestStop(); return Task.WhenAll(workers); }, () => samples.SelectMany(s => s));
    }

    internal void BeginPhase()
    {
        _stop = false;
        _errors.Clear();
        _errorSamples.Clear();
    }

    /// <summary>Warm-up, then the measured window (CPU of center, generator and machine), then stop and sum up.</summary>
    internal async Task<PhaseResult> Measure(int batch, Func<Task> stop, Func<IEnumerable<Sample>> samples)
    {
        await Task.Delay(_options.Warmup);
        var timeline = new List<(double, double?)>();
        var center0 = Proc.CpuSeconds(_options.Pids);
        var self0 = Proc.SelfCpuSeconds();
        var machine0 = Proc.MachineJiffies();
        var t0 = Stopwatch.GetTimestamp();
        using (var progress = new CancellationTokenSource())
        {
            var report = Progress(t0, timeline, progress.Token);
            await Task.Delay(_options.Duration);
            progress.Cancel();
            await report;
        }
        var t1 = Stopwatch.GetTimestamp();
        var center1 = Proc.CpuSeconds(_options.Pids);
        var self1 = Proc.SelfCpuSeconds();
        var machine1 = Proc.MachineJiffies();
        await stop();

        var seconds = Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
        var window = samples().Where(s => s.DoneTicks >= t0 && s.DoneTicks <= t1).ToList();
        var ok = window.Where(s => s.Status == 202).ToList();
        var latencies = ok.Select(s => s.LatencyTicks).ToArray();
        Array.Sort(latencies);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Pct(double p) => latencies.Length == 0 ? double.NaN : Ms(latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)]);
        var errorsInWindow = window.Where(s => s.Status != 202).GroupBy(s => s.Status == 0 ? "exception" : s.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        return new PhaseResult
        {
            Batch = batch,
            Concurrency = _options.Concurrency,
            Seconds = seconds,
            Requests = window.Count,
            Ok = ok.Count,
            AcceptedEvents = ok.Sum(s => (long)s.Accepted),
            P50Ms = Pct(0.50),
            P99Ms = Pct(0.99),
            MaxMs = latencies.Length == 0 ? double.NaN : Ms(latencies[^1]),
            Errors = errorsInWindow.Values.Sum(),
            ErrorsByKind = errorsInWindow,
            ErrorSample = _errorSamples.IsEmpty ? null : string.Join(" | ", _errorSamples.Select(kv => $"{kv.Key}: {kv.Value}")),
            CenterCores = center0 is { } c0 && center1 is { } c1 ? (c1 - c0) / seconds : null,
            GeneratorCores = (self1 - self0) / seconds,
            MachineBusy = machine1.Total > machine0.Total ? (double)(machine1.Busy - machine0.Busy) / (machine1.Total - machine0.Total) : 0,
            RssKbAfter = Proc.RssKb(_options.Pids),
            Timeline = timeline,
        };
    }

    private async Task Progress(long t0, List<(double, double?)> timeline, CancellationToken ct)
    {
        var lastAccepted = Interlocked.Read(ref Totals.Accepted);
        var lastAt = t0;
        var lastCpu = Proc.CpuSeconds(_options.Pids);
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                var now = Stopwatch.GetTimestamp();
                var accepted = Interlocked.Read(ref Totals.Accepted);
                var cpu = Proc.CpuSeconds(_options.Pids);
                var seconds = Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
                var events = accepted - lastAccepted;
                // The center's CPU per event shows whether its cost grows as the day's state grows.
                double? micros = cpu is { } c1 && lastCpu is { } c0 && events > 0 ? (c1 - c0) * 1e6 / events : null;
                var perEvent = micros is { } us ? $", center {(cpu!.Value - lastCpu!.Value) / seconds:0.00} cores, {us:0.0} µs CPU/event" : "";
                timeline.Add((events / seconds, micros));
                Console.WriteLine($"    {Stopwatch.GetElapsedTime(t0, now).TotalSeconds,5:0} s  {events / seconds,10:N0} events/s{perEvent}  (errors so far {_errors.Values.Sum()})");
                lastAccepted = accepted;
                lastAt = now;
                lastCpu = cpu;
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task Worker(int index, int batch, List<Sample> samples)
    {
        var builder = _builders[index];
        while (!_stop)
        {
            var device = _fleet.Acquire();
            try
            {
                // Over MQTT a batch goes to one ward's topic: the dossier system (many wards) sits out.
                if (_mqtt is not null && !MqttDevices.CanPublish(device)) continue;
                samples.Add(await SendOne(device, batch, builder, scheduled: null));
                if (samples[^1].Status == 429) await Task.Delay(50);
            }
            finally
            {
                Fleet.Release(device);
            }
        }
    }

    /// <summary>
    /// Builds and posts one batch of one device and books the answer. Latency runs from
    /// <paramref name="scheduled"/> when given (an open loop: time spent waiting to be sent counts).
    /// </summary>
    internal async Task<Sample> SendOne(Device device, int batch, BatchBuilder builder, long? scheduled)
    {
        builder.Build(device, batch, _nowMs(), _fleet.Wards);
        var pending = builder.Pending;
        var start = scheduled ?? Stopwatch.GetTimestamp();
        var (status, body) = _mqtt is null ? await Post(device, builder) : await Publish(device, builder);
        var done = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref Totals.Requests);
        // A PUBACK carries no counts: with ids unique, every event of the batch is accepted.
        var accepted = pending.Events;
        var duplicates = 0;
        if (status == 202 && (_mqtt is not null || TryReadAccepted(body, out accepted, out duplicates)))
        {
            Book(pending, accepted, duplicates);
            return new Sample(done, done - start, 202, pending.Events, accepted);
        }
        Interlocked.Increment(ref Totals.Failed);
        var key = status == 0 ? "exception" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _errors.AddOrUpdate(key, 1, (_, n) => n + 1);
        _errorSamples.TryAdd(key, Truncate(Encoding.UTF8.GetString(body), 400));
        // 4xx: nothing of the batch was applied, so its follow-ups go back to the books.
        // 5xx or no answer: part of it may have been applied; the final check will tell.
        if (status is >= 400 and < 500) Unbook(pending);
        else Interlocked.Increment(ref Totals.Uncertain);
        return new Sample(done, done - start, status, pending.Events, 0);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static bool TryReadAccepted(byte[] body, out int accepted, out int duplicates)
    {
        accepted = duplicates = -1;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName) continue;
                if (reader.ValueTextEquals("accepted"u8)) { reader.Read(); accepted = reader.GetInt32(); }
                else if (reader.ValueTextEquals("duplicates"u8)) { reader.Read(); duplicates = reader.GetInt32(); }
            }
        }
        catch (JsonException) { return false; }
        return accepted >= 0 && duplicates >= 0;
    }

    /// <summary>A 202: the batch is applied; its business events enter the books and may be followed up.</summary>
    private void Book(PendingBatch p, int accepted, int duplicates)
    {
        var t = Totals;
        Interlocked.Increment(ref t.Acked);
        Interlocked.Add(ref t.EventsAcked, p.Events);
        Interlocked.Add(ref t.Accepted, accepted);
        Interlocked.Add(ref t.Duplicates, duplicates);
        Interlocked.Add(ref t.StatesAcked, p.States);
        Interlocked.Add(ref t.BusinessAcked, p.Events - p.States);
        foreach (var b in p.Business)
        {
            var w = b.Ward;
            switch (b.Kind)
            {
                case BizKind.Issued: Interlocked.Increment(ref w.Issued); w.Waiting.Enqueue(b.Item!); break;
                case BizKind.Called: Interlocked.Increment(ref w.Called); p.Device.Called.Add(b.Item!); break;
                case BizKind.Served: Interlocked.Increment(ref w.Served); break;
                case BizKind.Rating: Interlocked.Increment(ref w.Ratings); break;
                case BizKind.DossierReceived: Interlocked.Increment(ref w.DossiersReceived); w.OpenDossiers.Enqueue(b.Item!); break;
                case BizKind.DossierResolved: Interlocked.Increment(ref w.DossiersResolved); break;
            }
        }
        var d = p.Device;
        if (p.States > 0 && p.FinalTsMs > d.AckTsMs)
        {
            d.Acked = true;
            d.AckTsMs = p.FinalTsMs;
            d.AckX = p.FinalX;
            d.AckY = p.FinalY;
            d.AckBattery = p.FinalBattery;
            d.AckMode = p.FinalMode;
            d.AckStatus = p.FinalStatus;
            d.AckServices = p.FinalServices;
        }
    }

    /// <summary>A 4xx: nothing applied; what the batch took from the books goes back.</summary>
    private static void Unbook(PendingBatch p)
    {
        foreach (var b in p.Business)
        {
            switch (b.Kind)
            {
                case BizKind.Called: b.Ward.Waiting.Enqueue(b.Item!); break;
                case BizKind.Served: p.Device.Called.Add(b.Item!); break;
                case BizKind.DossierResolved: b.Ward.OpenDossiers.Enqueue(b.Item!); break;
            }
        }
    }
}
