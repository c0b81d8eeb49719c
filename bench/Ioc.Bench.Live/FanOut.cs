using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ioc.Bench.Live;

/// <summary>Only the frame's seq and time are read; the wards are skipped by the JSON reader.</summary>
public sealed class WallAt
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// One live client: a city-wide connection (a delta client unless <c>--deltas false</c>) that notes
/// when each wall frame arrives and whether its seq followed the one before.
/// </summary>
public sealed class FanClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly bool _deltas;
    private List<(long AtTicks, long ArrivalTs)> _frames = new(256);
    private long _seq;

    public HubConnection Connection { get; }
    public int Closed;
    public int SeqGaps;

    public FanClient(Uri hub, string token, bool deltas)
    {
        _deltas = deltas;
        Connection = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        // A starved client must not drop its connection just because a frame came late.
        Connection.ServerTimeout = TimeSpan.FromSeconds(120);
        Connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        Connection.On<WallAt>("wall", Take);
        Connection.On<WallAt>("wallDelta", Take);
        Connection.On<object?>("alert", _ => { });
        Connection.Closed += _ =>
        {
            Interlocked.Exchange(ref Closed, 1);
            return Task.CompletedTask;
        };
    }

    public async Task Start(CancellationToken ct)
    {
        await Connection.StartAsync(ct);
        if (_deltas) await Connection.InvokeAsync("UseDeltas", ct);
    }

    private void Take(WallAt f)
    {
        var arrival = Stopwatch.GetTimestamp();
        if (_seq != 0 && f.Seq != _seq + 1) Interlocked.Increment(ref SeqGaps);
        _seq = f.Seq;
        lock (_gate) _frames.Add((f.At.UtcTicks, arrival));
    }

    /// <summary>The frames noted so far, and a fresh list for the next ones.</summary>
    public List<(long AtTicks, long ArrivalTs)> Take()
    {
        lock (_gate)
        {
            var taken = _frames;
            _frames = new List<(long, long)>(taken.Count + 64);
            return taken;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

public sealed record FanStep(
    int Clients,
    int Connected,
    int ConnectFailures,
    double ConnectSeconds,
    string? ConnectError,
    double WindowSeconds,
    int Frames,
    long PairsExpected,
    long PairsDelivered,
    long PairsWithin1s,
    double? AgeP50, double? AgeP99, double? AgeMax,
    double? SpreadP50, double? SpreadP99, double? SpreadMax,
    int FramesIncomplete,
    int Disconnected,
    CpuUse Cpu,
    long? CenterRssKb,
    long BenchRssKb,
    IReadOnlyList<Sample> EventSamples,
    string BusinessSpan,
    FrameGaps Gaps,
    int SeqGaps)
{
    public double Within1sShare => PairsExpected > 0 ? (double)PairsWithin1s / PairsExpected : 0;
}

/// <summary>
/// Ramps up concurrent clients step by step (the clients of a step stay for the next one). In each
/// step, after the clients are connected and settled: a measured window in which every client notes
/// each wall frame's arrival; the probe posts an event about once a second meanwhile, for the
/// event-to-frame latency under that load. Afterwards, per frame: how long after it was built
/// (its <c>at</c>, back in real time) each client got it, and the spread between the first and
/// the last client.
/// </summary>
public sealed class FanOut(LiveOptions options, string token, BusinessClock clock, Sampler sampler, string sampleWard)
{
    private readonly List<FanClient> _clients = [];
    private readonly long _ts0 = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _utc0 = DateTimeOffset.UtcNow;

    public async Task<List<FanStep>> Run()
    {
        var hub = new Uri(options.Url, "/hubs/ioc");
        var steps = new List<FanStep>();
        try
        {
            foreach (var n in options.Clients)
            {
                var step = await Step(hub, n);
                steps.Add(step);
                Console.WriteLine($"    => {n:N0} clients ({step.Connected:N0} connected, {step.ConnectFailures} failed, {step.ConnectSeconds:0.0} s to connect): " +
                                  $"{step.Frames / step.WindowSeconds:0.00} frames/s, {step.Within1sShare:P1} of (client, frame) pairs within 1 s, " +
                                  $"age p50 {Stats.Ms(step.AgeP50)} p99 {Stats.Ms(step.AgeP99)}, spread p50 {Stats.Ms(step.SpreadP50)} p99 {Stats.Ms(step.SpreadP99)}; " +
                                  $"center {Cores(step.Cpu.Center)} cores, bench {step.Cpu.Bench:0.00}, other {step.Cpu.Others:0.00}; center RSS {Mb(step.CenterRssKb)}");
                if (options.Pid is { } pid && !File.Exists($"/proc/{pid}/stat"))
                {
                    Console.WriteLine("    the center is gone; stopping the ramp");
                    break;
                }
                if (step.Within1sShare < options.StopBelow || step.ConnectFailures > n / 20)
                {
                    Console.WriteLine($"    stopping the ramp: fewer than {options.StopBelow:P0} of the pairs within 1 s, or too many failed connections");
                    break;
                }
            }
        }
        finally
        {
            Console.WriteLine($"  closing {_clients.Count:N0} clients");
            await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) =>
            {
                try { await c.DisposeAsync(); } catch (Exception) { /* closing anyway */ }
            });
        }
        return steps;
    }

    private async Task<FanStep> Step(Uri hub, int n)
    {
        var add = n - _clients.Count;
        Console.WriteLine($"  step: {n:N0} clients (+{add:N0}), WebSockets, one shared admin token");
        foreach (var c in _clients) c.Take();
        var sw = Stopwatch.StartNew();
        var failures = 0;
        string? firstError = null;
        var fresh = new FanClient[add];
        await Parallel.ForEachAsync(Enumerable.Range(0, add), new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency }, async (i, _) =>
        {
            var c = new FanClient(hub, token, options.Deltas);
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await c.Start(cts.Token);
                fresh[i] = c;
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                await c.DisposeAsync();
            }
        });
        _clients.AddRange(fresh.Where(c => c is not null));
        var connectSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"    connected {add - failures:N0}/{add:N0} in {connectSeconds:0.0} s{(firstError is null ? "" : $" (first error: {firstError})")}");

        await Task.Delay(TimeSpan.FromSeconds(options.Settle));
        await Quiet.Wait(options.Pid, "step");
        var live = _clients.Where(c => Volatile.Read(ref c.Closed) == 0).ToList();
        var gapsBefore = live.Sum(c => Volatile.Read(ref c.SeqGaps));

        // The measured window, with an event about once a second through the probe.
        var cpu = new CpuMeter(options.Pid);
        var ws = Stopwatch.GetTimestamp();
        var businessFrom = clock.Now();
        var windowEnd = ws + (long)(options.Window * Stopwatch.Frequency);
        var events = new List<Sample>();
        var rng = new Random(options.Seed + n);
        while (Stopwatch.GetTimestamp() < windowEnd)
        {
            var e = await sampler.One(sampleWard, waitForWardFrame: false, TimeSpan.FromSeconds(3));
            events.Add(e);
            if (e.WallMs is not { } ms || ms > 400)
                Console.WriteLine($"    slow: event → wall {Stats.Ms(e.WallMs)} (built {Stats.Ms(e.BuiltMs)}, delivered {Stats.Ms(e.DeliveredMs)}), 202 {e.AckMs:0} ms");
            var rest = (windowEnd - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (rest <= 0) break;
            await Task.Delay((int)Math.Min(rest, rng.Next(700, 1300)));
        }
        var we = Stopwatch.GetTimestamp();
        var use = cpu.Stop();
        var businessTo = clock.Now();
        var centerRss = Proc.RssKb(options.Pid);
        var benchRss = Proc.SelfRssKb();
        // Late frames of the window may still be on their way.
        await Task.Delay(TimeSpan.FromSeconds(options.Drain));

        var perClient = live.Select(c => c.Take()).ToList();
        var disconnected = live.Count(c => Volatile.Read(ref c.Closed) != 0);
        var windowSeconds = (we - ws) / (double)Stopwatch.Frequency;

        // Frames of the window: those whose first copy arrived inside it.
        var byFrame = new Dictionary<long, List<long>>();
        foreach (var frames in perClient)
            foreach (var (at, arrival) in frames)
            {
                if (!byFrame.TryGetValue(at, out var list)) byFrame[at] = list = new List<long>(live.Count);
                list.Add(arrival);
            }
        // Every copy since the step began is kept, so a frame first seen in the window has all its copies here.
        var inWindow = byFrame.Where(kv => kv.Value.Min() is var first && first >= ws && first <= we).ToList();
        var ages = new List<double>();
        var spreads = new List<double>();
        long within = 0, delivered = 0;
        var incomplete = 0;
        foreach (var (at, arrivals) in inWindow)
        {
            var builtTs = ToTs(clock.ToReal(new DateTimeOffset(at, TimeSpan.Zero)));
            foreach (var a in arrivals)
            {
                var age = (a - builtTs) * 1000.0 / Stopwatch.Frequency;
                ages.Add(age);
                delivered++;
                if (age <= 1000) within++;
            }
            if (arrivals.Count >= live.Count) spreads.Add((arrivals.Max() - arrivals.Min()) * 1000.0 / Stopwatch.Frequency);
            else incomplete++;
        }
        var span = $"{businessFrom.ToOffset(TimeSpan.FromHours(7)):HH:mm}–{businessTo.ToOffset(TimeSpan.FromHours(7)):HH:mm}";
        return new FanStep(n, live.Count, failures, connectSeconds, firstError, windowSeconds, inWindow.Count,
            (long)inWindow.Count * live.Count, delivered, within,
            Stats.Pct(ages, 50), Stats.Pct(ages, 99), ages.Count > 0 ? ages.Max() : null,
            Stats.Pct(spreads, 50), Stats.Pct(spreads, 99), spreads.Count > 0 ? spreads.Max() : null,
            incomplete, disconnected, use, centerRss, benchRss, events, span,
            FrameGaps.Of(inWindow.Select(kv => new DateTimeOffset(kv.Key, TimeSpan.Zero)), clock.Speed),
            live.Sum(c => Volatile.Read(ref c.SeqGaps)) - gapsBefore);
    }

    private long ToTs(DateTimeOffset utc) => _ts0 + (long)((utc - _utc0).Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);

    private static string Cores(double? c) => c is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    private static string Mb(long? kb) => kb is { } k ? $"{k / 1024.0:0} MiB" : "n/a";
}
