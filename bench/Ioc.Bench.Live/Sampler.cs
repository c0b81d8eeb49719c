using System.Diagnostics;
using System.Net;

namespace Ioc.Bench.Live;

/// <summary>One event's way to the screens. Times in ms from the POST's start.</summary>
public sealed record Sample(
    string Ward,
    DateTimeOffset StartUtc,
    bool Accepted,
    double AckMs,
    double? WallMs,
    double? WardMs,
    DateTimeOffset? FrameAt,
    int? FrameWaiting,
    /// <summary>The frame showing the event was built (its <c>at</c>, back in real time) this long after the POST started.</summary>
    double? BuiltMs,
    /// <summary>... and reached this client this long after it was built.</summary>
    double? DeliveredMs);

/// <summary>Posts one event and waits for the frames that show it (see <see cref="PendingSample"/>).</summary>
public sealed class Sampler(CenterApi api, Probe probe, BusinessClock clock)
{
    public async Task<Sample> One(string ward, bool waitForWardFrame, TimeSpan timeout)
    {
        var businessStart = clock.Now();
        var pending = probe.Arm(ward, businessStart);
        var startUtc = DateTimeOffset.UtcNow;
        var t0 = Stopwatch.GetTimestamp();
        HttpStatusCode status;
        try
        {
            status = await api.PostTicket(ward, businessStart);
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"    POST failed: {e.Message}");
            probe.Disarm();
            return new Sample(ward, startUtc, false, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, null, null, null, null, null, null);
        }
        var ack = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (status != HttpStatusCode.Accepted)
        {
            probe.Disarm();
            return new Sample(ward, startUtc, false, ack, null, null, null, null, null, null);
        }
        var deadline = Task.Delay(timeout);
        var wall = await Task.WhenAny(pending.Wall.Task, deadline) == pending.Wall.Task ? pending.Wall.Task.Result : null;
        Hit? wardHit = null;
        if (waitForWardFrame)
            wardHit = await Task.WhenAny(pending.WardFrame.Task, deadline) == pending.WardFrame.Task ? pending.WardFrame.Task.Result : null;
        else if (pending.WardFrame.Task.IsCompletedSuccessfully)
            wardHit = pending.WardFrame.Task.Result;
        probe.Disarm();
        double? built = null, delivered = null;
        if (wall is not null && clock.Speed > 0)
        {
            var builtReal = clock.ToReal(wall.At);
            built = (builtReal - startUtc).TotalMilliseconds;
            delivered = (wall.ArrivalUtc - builtReal).TotalMilliseconds;
        }
        return new Sample(ward, startUtc, true, ack,
            wall is null ? null : Ms(t0, wall.ArrivalTs),
            wardHit is null ? null : Ms(t0, wardHit.ArrivalTs),
            wall?.At, wall?.Waiting, built, delivered);
    }

    /// <summary>
    /// Two events in one ward <paramref name="gapMs"/> apart: the first is published at once, the
    /// second falls inside the ward's 250 ms publish throttle and goes out from its deferred timer.
    /// Returns the time from the second POST to the first wall frame showing both.
    /// </summary>
    public async Task<double?> Pair(string ward, int gapMs, TimeSpan timeout)
    {
        var first = probe.Arm(ward, clock.Now());
        if (await api.PostTicket(ward, clock.Now()) != HttpStatusCode.Accepted) { probe.Disarm(); return null; }
        await Task.Delay(gapMs);
        var businessStart = clock.Now();
        var second = probe.ArmSecond(first, businessStart);
        var t0 = Stopwatch.GetTimestamp();
        if (await api.PostTicket(ward, businessStart) != HttpStatusCode.Accepted) { probe.Disarm(); return null; }
        var wall = await Task.WhenAny(second.Wall.Task, Task.Delay(timeout)) == second.Wall.Task ? second.Wall.Task.Result : null;
        probe.Disarm();
        return wall is null ? null : Ms(t0, wall.ArrivalTs);
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

public static class Stats
{
    /// <summary>Nearest-rank percentile (p in 0..100) of the values; null when there are none.</summary>
    public static double? Pct(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return null;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Milliseconds; an event never seen within its timeout counts as +∞ in the percentiles and shows as "&gt; timeout".</summary>
    public static string Ms(double? v) => v switch
    {
        null => "n/a",
        double.PositiveInfinity => "> timeout",
        { } x => $"{x:0} ms",
    };

    public static string Ms1(double? v) => v is { } x ? $"{x:0.0} ms" : "n/a";
}

/// <summary>Time between consecutive wall frames (from their <c>at</c>, in real ms): is the 250 ms cadence kept?</summary>
public sealed record FrameGaps(int Frames, double? P50, double? P90, double? P99, double? Max, int Over300, int Over1000)
{
    public static FrameGaps Of(IEnumerable<DateTimeOffset> ats, double speed)
    {
        var sorted = ats.Distinct().OrderBy(a => a).ToList();
        var gaps = sorted.Zip(sorted.Skip(1), (a, b) => (b - a).TotalMilliseconds / speed).ToList();
        return new FrameGaps(sorted.Count, Stats.Pct(gaps, 50), Stats.Pct(gaps, 90), Stats.Pct(gaps, 99), gaps.Count > 0 ? gaps.Max() : null,
            gaps.Count(g => g > 300), gaps.Count(g => g > 1000));
    }

    public string Text => $"p50 {Stats.Ms(P50)}, p90 {Stats.Ms(P90)}, p99 {Stats.Ms(P99)}, max {Stats.Ms(Max)}; {Over300} of {Math.Max(0, Frames - 1)} gaps over 300 ms, {Over1000} over 1 s";
}
