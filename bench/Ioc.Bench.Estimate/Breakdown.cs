using System.Globalization;

namespace Ioc.Bench.Estimate;

/// <summary>
/// Where the estimate's error comes from: the judged tickets split along several dimensions (people
/// ahead, hour, service, shared desks, paused or closed desks, the first tickets of the day, re-calls
/// and no-shows, a desk opening during the wait), each bucket with its bias and its share of the day's
/// absolute error.
/// </summary>
internal sealed class Breakdown
{
    private readonly SortedDictionary<string, SortedDictionary<string, Judge>> _dims = new(StringComparer.Ordinal);
    private double _total;

    public void Add(string dimension, string bucket, double estimate, double actual)
    {
        if (!_dims.TryGetValue(dimension, out var buckets)) _dims[dimension] = buckets = new(StringComparer.Ordinal);
        if (!buckets.TryGetValue(bucket, out var j)) buckets[bucket] = j = new Judge();
        j.Add(estimate, actual);
    }

    /// <summary>Adds one judged ticket to the day's total error (once per ticket, whatever its dimensions).</summary>
    public void Count(double estimate, double actual) => _total += Math.Abs(estimate - actual);

    public static string Band(double v, params double[] tops)
    {
        for (var i = 0; i < tops.Length; i++)
            if (v < tops[i]) return i == 0 ? $"< {tops[0]:0}" : $"{tops[i - 1]:0}–{tops[i]:0}";
        return $"≥ {tops[^1]:0}";
    }

    public IEnumerable<string> Rows(IFormatProvider f)
    {
        yield return "| dimension | bucket | tickets | mean actual wait | MAE | MAE / mean wait | bias (told − actual) | share of the day's error | waited > 5 min longer |";
        yield return "|---|---|---:|---:|---:|---:|---:|---:|---:|";
        foreach (var (dim, buckets) in _dims)
            foreach (var (bucket, j) in buckets.OrderBy(b => Order(b.Key)).ThenBy(b => b.Key, StringComparer.Ordinal))
                yield return string.Create(f,
                    $"| {dim} | {bucket} | {j.N:N0} | {j.MeanWait:0} s | {j.Mae:0} s | {j.Mae / j.MeanWait:P1} | {j.Bias:+0;-0;0} s | {j.AbsSum / _total:P1} | {j.UnderShare:P1} |");
    }

    // Numeric buckets sort by their first number ("< 2" before "2–5" before "≥ 30").
    private static double Order(string bucket)
    {
        var digits = new string([.. bucket.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit)]);
        var v = digits.Length > 0 ? double.Parse(digits, CultureInfo.InvariantCulture) : double.MaxValue;
        return bucket.StartsWith('<') ? v - 0.5 : bucket.StartsWith('≥') ? v + 0.5 : v;
    }
}
