using System.Globalization;
using System.Text.RegularExpressions;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Time;

namespace Ioc.Dashboard.History;

/// <summary>
/// The query of <c>GET /api/v1/wards/{code}/history</c> checked field by field, and the bucketing shared
/// by both sources. Buckets start at multiples of the step since the Unix epoch, as InfluxDB's
/// <c>GROUP BY time(step)</c> does, so both sources cut the same buckets (for steps that divide an hour
/// these are the round minutes and hours of Hanoi time; <c>1d</c> runs from 07:00 to 07:00 Hanoi time).
/// </summary>
public static partial class HistoryQuery
{
    public const string Waiting = "waiting";
    public const string AvgWait = "avgWait";
    public const int MaxPoints = 2000;

    public static readonly IReadOnlyList<string> Metrics = [Waiting, AvgWait];
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinStep = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(366);

    [GeneratedRegex(@"^([0-9]{1,9})([smhd]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();

    public static string? Metric(string? metric, List<FieldError> errors)
    {
        if (metric is not null && Metrics.Contains(metric)) return metric;
        errors.Add(new FieldError(-1, "metric", metric is null or "" ? "is required: waiting or avgWait" : $"must be waiting or avgWait, not '{metric}'"));
        return null;
    }

    /// <summary><c>30s</c>-style durations (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>) or plain seconds; at least a minute.</summary>
    public static TimeSpan? Step(string? step, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(step)) return DefaultStep;
        var match = StepPattern().Match(step.Trim());
        if (!match.Success)
        {
            errors.Add(new FieldError(-1, "step", $"must be a duration like 1m, 5m, 1h, 1d or a number of seconds, not '{step}'"));
            return null;
        }

        var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = match.Groups[2].Value switch { "m" => amount * 60, "h" => amount * 3600, "d" => amount * 86400, _ => amount };
        var value = TimeSpan.FromSeconds(seconds);
        if (value < MinStep) errors.Add(new FieldError(-1, "step", "must be at least 1m (60 seconds)"));
        else if (value > MaxStep) errors.Add(new FieldError(-1, "step", "must be at most 366d"));
        else return value;
        return null;
    }

    /// <summary>An RFC 3339 time with offset; a '+' that arrived as a space (unencoded query) is taken as '+'.</summary>
    public static DateTimeOffset? Time(string name, string? value, DateTimeOffset fallback, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value)) return fallback;
        if (Ioc.Time.Rfc3339.TryParse(value.Trim().Replace(' ', '+'), out var time)) return time;
        errors.Add(new FieldError(-1, name, "must be an RFC 3339 time with offset, e.g. 2026-11-25T08:00:00+07:00"));
        return null;
    }

    /// <summary>How many buckets [from, to) spans: the most points an answer can have.</summary>
    public static long Buckets(DateTimeOffset from, DateTimeOffset to, TimeSpan step) =>
        to <= from ? 0 : BucketIndex(to - TimeSpan.FromTicks(1), step) - BucketIndex(from, step) + 1;

    public static DateTimeOffset BucketStart(DateTimeOffset t, TimeSpan step) =>
        DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(BucketIndex(t, step) * step.Ticks);

    private static long BucketIndex(DateTimeOffset t, TimeSpan step)
    {
        var (index, rest) = Math.DivRem(t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, step.Ticks);
        return rest < 0 ? index - 1 : index;
    }

    /// <summary>Checks the range of one answer: <paramref name="from"/> before <paramref name="to"/>, at most 2,000 buckets.</summary>
    public static void Range(DateTimeOffset from, DateTimeOffset to, TimeSpan step, List<FieldError> errors)
    {
        if (to <= from)
        {
            errors.Add(new FieldError(-1, "to", $"must be after from ({Rfc3339(from)})"));
            return;
        }

        var buckets = Buckets(from, to, step);
        if (buckets > MaxPoints)
        {
            var least = TimeSpan.FromSeconds(Math.Ceiling((to - from).TotalSeconds / MaxPoints / 60) * 60);
            errors.Add(new FieldError(-1, "step", $"gives {buckets} points between from and to; at most {MaxPoints} per answer (use a step of {(long)least.TotalSeconds} seconds or more)"));
        }
    }

    /// <summary>The value of a metric in one minute sample; null when the sample has none (no wait measured yet).</summary>
    public static double? Pick(WardSample sample, string metric) =>
        metric == AvgWait ? sample.AvgWaitSeconds : sample.Waiting;

    /// <summary>Mean per bucket of the samples in [from, to); samples without a value and empty buckets are left out.</summary>
    public static IReadOnlyList<HistoryPoint> Means(IEnumerable<WardSample> samples, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step) =>
        [.. samples
            .Where(s => s.At >= from && s.At < to)
            .Select(s => (s.At, Value: Pick(s, metric)))
            .Where(s => s.Value is not null)
            .GroupBy(s => BucketStart(s.At, step))
            .OrderBy(g => g.Key)
            .Select(g => new HistoryPoint(HanoiTime.ToLocal(g.Key), g.Average(s => s.Value!.Value)))];

    public static string Rfc3339(DateTimeOffset t) => HanoiTime.ToLocal(t).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
