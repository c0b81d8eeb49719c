using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ioc.Bench.Ingest;

/// <summary>
/// Open loop, as devices in the field behave: every device sends one batch every <c>period</c>
/// seconds on its own schedule (spread evenly over the period), whether or not the center keeps
/// up. Latency runs from the scheduled instant, so time a batch waits behind a slow center counts.
/// A device whose previous batch is still unanswered at its next slot skips that slot (counted).
/// </summary>
public sealed class OpenLoopRunner(LoadRunner runner, Fleet fleet, BenchOptions options)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    public long Skipped { get; private set; }

    // Builders are numbered across phases (and apart from the closed loop's), so event ids never repeat in a run.
    private int _builderSeq = 1 << 20;

    public async Task<PhaseResult> RunPhase(int batch)
    {
        runner.BeginPhase();
        var samples = new ConcurrentQueue<Sample>();
        var builders = new ConcurrentBag<BatchBuilder>();
        var inflight = new SemaphoreSlim(options.Concurrency);
        var devices = fleet.Devices;
        var period = Stopwatch.Frequency * options.PeriodSeconds;
        var start = Stopwatch.GetTimestamp();
        var sending = new ConcurrentDictionary<Task, byte>();
        long skipped = 0;

        var pacer = Task.Run(async () =>
        {
            // Slot k of device i is at start + (i / N + k) × period.
            long next = 0;
            while (!runner.Stopping)
            {
                var due = (long)((Stopwatch.GetTimestamp() - start) / period * devices.Count);
                for (; next <= due; next++)
                {
                    var d = devices[(int)(next % devices.Count)];
                    var scheduled = start + (long)((double)next / devices.Count * period);
                    if (Interlocked.CompareExchange(ref d.Busy, 1, 0) != 0) { Interlocked.Increment(ref skipped); continue; }
                    var task = Send(d, batch, scheduled, builders, inflight, samples, Interlocked.Increment(ref _builderSeq));
                    sending.TryAdd(task, 0);
                    _ = task.ContinueWith(t => sending.TryRemove(t, out _), TaskScheduler.Default);
                }
                await Task.Delay(Tick);
            }
        });

        var result = await runner.Measure(batch, async () =>
        {
            runner.RequestStop();
            await pacer;
            await Task.WhenAll(sending.Keys);
        }, () => samples);
        Skipped += skipped;
        return result;
    }

    private async Task Send(Device d, int batch, long scheduled, ConcurrentBag<BatchBuilder> builders, SemaphoreSlim inflight,
        ConcurrentQueue<Sample> samples, int seq)
    {
        await inflight.WaitAsync();
        if (runner.Stopping)
        {
            // The window is over: a slot still waiting for a free request is dropped, not sent late.
            Fleet.Release(d);
            inflight.Release();
            return;
        }
        var builder = builders.TryTake(out var b) ? b : new BatchBuilder(seq, runner.RunId, options.BusinessShare, options.Seed + seq);
        try
        {
            samples.Enqueue(await runner.SendOne(d, batch, builder, scheduled));
        }
        finally
        {
            builders.Add(builder);
            Fleet.Release(d);
            inflight.Release();
        }
    }
}
