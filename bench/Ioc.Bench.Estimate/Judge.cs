namespace Ioc.Bench.Estimate;

/// <summary>Mean absolute error, bias and under-estimates over (estimate, actual) pairs in seconds.</summary>
internal sealed class Judge
{
    private double _wait, _est;
    private int _under;
    public int N { get; private set; }
    /// <summary>Σ |estimate − actual|: a bucket's share of the day's error is its sum over the day's.</summary>
    public double AbsSum { get; private set; }
    public double Mae => N == 0 ? double.NaN : AbsSum / N;
    public double MeanWait => N == 0 ? double.NaN : _wait / N;
    public double MeanEstimate => N == 0 ? double.NaN : _est / N;
    public double Bias => MeanEstimate - MeanWait;

    public void Add(double estimate, double actual)
    {
        N++;
        AbsSum += Math.Abs(estimate - actual);
        _wait += actual;
        _est += estimate;
        if (actual - estimate > 300) _under++;
    }

    public double UnderShare => (double)_under / Math.Max(1, N);

    public string Row(string name, IFormatProvider f) => string.Create(f,
        $"| {name} | {N:N0} | {MeanWait:0} s | {Mae:0} s | {Mae / MeanWait:P1} | {UnderShare:P1} |");
}
