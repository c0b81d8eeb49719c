namespace Ioc.Silo.Wards;

/// <summary>
/// What a ward has learned about how long its desks take: per service and hour of day over earlier
/// days (decayed each night, so recent days weigh most), the last service times of today (to follow
/// today's pace), how much faster or slower each desk is than the ward's mean, how often a called
/// citizen does not come and how long that costs, the pause between one ticket and the next call, and
/// how many citizens come per service and hour (<see cref="Arrivals"/>, for the staffing advisor).
/// </summary>
[GenerateSerializer]
public sealed class ServiceTimeModel
{
    private const int RecentKept = 20;
    private const double PriorWeight = 5;
    private const double HourPrior = 10;
    private const double DeskPseudoSeconds = 1800;
    private const double DefaultNoShowSeconds = 120;
    private const double MaxGapSeconds = 180;

    [Id(0)] public Dictionary<string, double[]> HourSeconds { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, double[]> HourCounts { get; init; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, List<double>> Recent { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Per desk: actual seconds and the ward's mean for the same tickets.</summary>
    [Id(3)] public Dictionary<string, double[]> DeskSeconds { get; init; } = new(StringComparer.Ordinal);
    [Id(4)] public double Calls { get; set; }
    [Id(5)] public double NoShows { get; set; }
    [Id(6)] public double NoShowSeconds { get; set; }
    [Id(7)] public double Gaps { get; set; }
    [Id(8)] public double GapSeconds { get; set; }
    [Id(9)] public Dictionary<string, DateTimeOffset> LastFinish { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Days of service times learned (how much the estimate rests on).</summary>
    [Id(10)] public int DaysLearned { get; set; }
    /// <summary>How the hall's real waits compare with the forecast (what the forecast cannot see coming).</summary>
    [Id(15)] public ForecastCorrection Correction { get; init; } = new();
    /// <summary>Per service: count, Σ ln(seconds) and Σ ln²(seconds) of service times (decayed nightly), for their spread.</summary>
    [Id(12)] public Dictionary<string, double[]> LogMoments { get; init; } = new(StringComparer.Ordinal);
    [Id(13)] public ArrivalModel Arrivals { get; init; } = new();
    /// <summary>Desks the ward opens when citizens have waited long, and after how long.</summary>
    [Id(14)] public OnDemandDesks OnDemand { get; init; } = new();

    /// <summary>Spread assumed until a service has some history: a coefficient of variation of about 0.45.</summary>
    private const double PriorLogSigma = 0.43;
    private const double PriorLogWeight = 10;

    /// <summary>The standard deviation of ln(service time) of a service, shrunk towards a usual spread.</summary>
    public double LogSigma(string service)
    {
        if (!LogMoments.TryGetValue(service, out var m) || m[0] < 2) return PriorLogSigma;
        var mean = m[1] / m[0];
        var variance = Math.Max(0, m[2] / m[0] - mean * mean);
        return Math.Sqrt((variance * m[0] + PriorLogSigma * PriorLogSigma * PriorLogWeight) / (m[0] + PriorLogWeight));
    }

    /// <summary>Used until the ward has served a service at all (from the rules, not stored).</summary>
    [NonSerialized] public double DefaultSeconds = 480;

    /// <summary>The mean service time of a service at an hour, today's pace blended with earlier days'.</summary>
    public double MeanSeconds(string service, int hour)
    {
        var prior = DefaultSeconds;
        if (HourCounts.TryGetValue(service, out var counts))
        {
            var sums = HourSeconds[service];
            // The hour's own mean, shrunk towards the whole day's: an hour with few services does not swing it.
            if (counts.Sum() is var all and >= 2) prior = (sums[hour] + HourPrior * sums.Sum() / all) / (counts[hour] + HourPrior);
        }
        if (!Recent.TryGetValue(service, out var recent) || recent.Count == 0) return prior;
        return (recent.Sum() + PriorWeight * prior) / (recent.Count + PriorWeight);
    }

    public double DeskFactor(string desk) =>
        DeskSeconds.TryGetValue(desk, out var d) ? (d[0] + DeskPseudoSeconds) / (d[1] + DeskPseudoSeconds) : 1;

    /// <summary>Called citizens who do not come, shrunk towards 3 % until the ward has seen enough calls.</summary>
    public double NoShowShare => (NoShows + PriorNoShowShare * NoShowPriorCalls) / (Calls + NoShowPriorCalls);

    public const double PriorNoShowShare = 0.03;
    private const double NoShowPriorCalls = 20;

    public double NoShowCostSeconds => NoShows >= 1 ? NoShowSeconds / NoShows : DefaultNoShowSeconds;

    public double GapMeanSeconds => Gaps >= 1 ? GapSeconds / Gaps : 0;

    /// <summary>How long a desk is expected to be taken by the next ticket of a service, at an hour.</summary>
    public double TicketSeconds(string service, string desk, int hour)
    {
        var p = NoShowShare;
        return (1 - p) * MeanSeconds(service, hour) * DeskFactor(desk) + p * NoShowCostSeconds + GapMeanSeconds;
    }

    /// <summary>A forecast in seconds, corrected by what the ward learned of its forecasts in that band.</summary>
    public double Calibrated(double forecastSeconds) => Correction.Corrected(forecastSeconds);

    /// <summary>Learns from one applied ticket event.</summary>
    public void Learn(TicketTransition t, int hour)
    {
        var (before, after, e) = (t.Before, t.After, t.Event);
        Arrivals.Learn(t);
        if (before.WaitMillis is null && after.WaitMillis is { } waited && t.Ticket.ForecastSeconds is { } forecast)
            Correction.Learn(forecast, waited / 1000.0);
        if (e.Step == TicketStep.Called && e.Counter is { } desk)
        {
            OnDemand.Saw(desk, e.Ts, before.Calls == 0 && after.Issued is { } firstIssued ? Math.Max(0, (e.Ts - firstIssued.Ts).TotalSeconds) : null);
            if (before.Calls == 0) Calls++;
            // Only a citizen already waiting when the desk finished shows the desk's own pause (not a wait for someone to come).
            if (LastFinish.TryGetValue(desk, out var finished) && (e.Ts - finished).TotalSeconds is >= 0 and < MaxGapSeconds
                && after.Issued is { } issued && issued.Ts <= finished)
            {
                Gaps++;
                GapSeconds += (e.Ts - finished).TotalSeconds;
            }
        }
        if (before.State != TicketState.Served && after.State == TicketState.Served && after.Counter is { } servedAt)
        {
            Finished(servedAt, after.Finish!.Ts);
            if (after.ServiceMillis is { } ms && after.Service is { } service)
                Served(service, servedAt, hour, ms / 1000.0);
        }
        else if (before.State != TicketState.NoShow && after.State == TicketState.NoShow && after.Counter is { } nsAt)
        {
            Finished(nsAt, after.Finish!.Ts);
            NoShows++;
            // What a no-show costs the desk: from the first call to giving up (none if it was never called).
            if (t.Ticket.Events.FirstOrDefault(x => x.Step == TicketStep.Called) is { } first)
                NoShowSeconds += Math.Max(0, (after.Finish.Ts - first.Ts).TotalSeconds);
        }
    }

    private void Finished(string desk, DateTimeOffset at)
    {
        OnDemand.Saw(desk, at, null);
        if (!LastFinish.TryGetValue(desk, out var last) || at > last) LastFinish[desk] = at;
    }

    private void Served(string service, string desk, int hour, double seconds)
    {
        var expected = MeanSeconds(service, hour);
        if (!HourCounts.TryGetValue(service, out var counts))
        {
            HourCounts[service] = counts = new double[24];
            HourSeconds[service] = new double[24];
        }
        counts[hour]++;
        HourSeconds[service][hour] += seconds;
        if (!Recent.TryGetValue(service, out var recent)) Recent[service] = recent = [];
        recent.Add(seconds);
        if (recent.Count > RecentKept) recent.RemoveAt(0);
        if (!DeskSeconds.TryGetValue(desk, out var d)) DeskSeconds[desk] = d = new double[2];
        d[0] += seconds;
        d[1] += expected;
        if (seconds > 0)
        {
            if (!LogMoments.TryGetValue(service, out var m)) LogMoments[service] = m = new double[3];
            var ln = Math.Log(seconds / Math.Max(0.1, DeskFactor(desk)));
            m[0]++;
            m[1] += ln;
            m[2] += ln * ln;
        }
    }

    /// <summary>A night passed: earlier days weigh less, today's pace starts afresh; the closed day's tickets teach what is learned by the day.</summary>
    public void Roll(TicketBook? closedDay)
    {
        if (Recent.Count > 0) DaysLearned++;
        Arrivals.Roll();
        OnDemand.Roll(closedDay);
        Correction.Roll();
        foreach (var a in HourSeconds.Values.Concat(HourCounts.Values).Concat(DeskSeconds.Values).Concat(LogMoments.Values))
            for (var i = 0; i < a.Length; i++) a[i] *= NightlyDecay.Factor;
        Calls *= NightlyDecay.Factor;
        NoShows *= NightlyDecay.Factor;
        NoShowSeconds *= NightlyDecay.Factor;
        Gaps *= NightlyDecay.Factor;
        GapSeconds *= NightlyDecay.Factor;
        Recent.Clear();
        LastFinish.Clear();
    }
}
