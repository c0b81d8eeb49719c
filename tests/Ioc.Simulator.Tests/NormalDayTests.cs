using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Simulator.Tests;

/// <summary>
/// A normal working day for all 126 units looks like what Hanoi reports after iHanoi's online queue
/// numbers: average waits of 10–15 min, peaks, a few wards under pressure, no hall with 100 waiting;
/// about 6,250 dossiers, 60 % online. Every figure is computed here from the emitted events.
/// </summary>
public sealed class NormalDayTests
{
    private static readonly WardDirectory Hanoi = WardDirectory.Load(WardDirectory.HanoiRegion);

    public static TheoryData<DateOnly> WorkingDays => [Days.Monday, Days.Wednesday];

    private static QueueFigures Figures(DateOnly day) => new(Days.Of(SimulatorScenario.Normal, day).Events);

    private static DateTimeOffset At(DateOnly day, int minute) => WorkCalendar.At(day, TimeSpan.FromMinutes(minute));

    [Theory]
    [MemberData(nameof(WorkingDays))]
    public void City_mean_wait_is_10_to_15_minutes_with_morning_and_afternoon_peaks(DateOnly day)
    {
        var f = Figures(day);
        Assert.Equal(f.Tickets.Count, f.Called.Count()); // every citizen of the day is called
        var mean = f.MeanWait();
        var over15 = f.Called.Count(t => t.WaitMinutes > 15) / (double)f.Called.Count();
        TestContext.Current.TestOutputHelper?.WriteLine($"{day}: {f.Tickets.Count} tickets, mean wait {mean:F1} min, {over15:P0} over 15 min, longest {f.Called.Max(t => t.WaitMinutes):F0} min");
        Assert.InRange(mean, 10, 15);

        double Between(int from, int to) => f.MeanWait(t => t.Issued >= At(day, from) && t.Issued < At(day, to));
        // Peaks (09:00–10:30, 14:00–15:30) wait longer than the quiet ends of the sessions.
        Assert.True(Between(540, 630) > 1.5 * Between(660, 690), $"morning peak {Between(540, 630):F1} vs 11:00–11:30 {Between(660, 690):F1}");
        Assert.True(Between(840, 930) > 1.5 * Between(960, 990), $"afternoon peak {Between(840, 930):F1} vs 16:00–16:30 {Between(960, 990):F1}");
    }

    [Theory]
    [MemberData(nameof(WorkingDays))]
    public void No_hall_has_100_waiting_and_only_wards_under_pressure_wait_45_minutes(DateOnly day)
    {
        var f = Figures(day);
        var layout = Days.Layout();
        var maxWait = f.MaxWaitByWard();
        Assert.Equal(126, maxWait.Count);
        Assert.True(f.MaxWaiting.Values.Max() <= 50, $"{f.MaxWaiting.Values.Max()} waiting at once in one hall");
        Assert.All(maxWait, kv => Assert.True(kv.Value <= 65, $"{kv.Key} longest wait {kv.Value:F0} min"));
        var beyond45 = maxWait.Where(kv => kv.Value > 45).Select(kv => kv.Key).ToList();
        Assert.True(beyond45.Count <= 6, $"{beyond45.Count} wards with a wait over 45 min");

        // The few halls under pressure are visibly worse than the city.
        var pressure = layout.Wards.Where(w => w.UnderPressure).Select(w => w.Code).ToHashSet();
        Assert.InRange(pressure.Count, 3, 10);
        var meanByWard = f.MeanWaitByWard();
        Assert.True(pressure.Average(c => meanByWard[c]) > f.MeanWait(), "wards under pressure wait no longer than the city");
        Assert.True(pressure.Count(c => maxWait[c] >= 30) >= 3, "fewer than three wards under pressure have waits of 30 min");
    }

    [Fact]
    public void Service_times_are_right_skewed_per_service_and_clerks_differ()
    {
        var f = Figures(Days.Monday);
        var byService = f.ServiceTimes().GroupBy(s => s.Ticket.Service).ToDictionary(g => g.Key, g => g.Select(x => x.Minutes).ToList());
        (double Mean, double Cv, double Median) Stats(List<double> x)
        {
            var mean = x.Average();
            var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
            return (mean, sd / mean, x.Order().ElementAt(x.Count / 2));
        }
        void Expect(string service, double lo, double hi)
        {
            var (mean, cv, median) = Stats(byService[service]);
            Assert.InRange(mean, lo, hi);
            Assert.InRange(cv, 0.35, 0.55);
            Assert.True(median < mean, $"{service}: median {median:F1} not below mean {mean:F1} (not right-skewed)");
        }
        Expect(ServiceCodes.ChungThuc, 3, 5);
        Expect(ServiceCodes.HoTich, 8, 10);
        Expect(ServiceCodes.DatDai, 15, 20);
        Expect(ServiceCodes.XayDung, 15, 20);

        // Clerks differ: per desk, the mean of (service time ÷ the city's mean for that service) varies more
        // between desks than sampling alone would make it vary (variance of a mean of n = cv² / n).
        var cityMean = byService.ToDictionary(kv => kv.Key, kv => kv.Value.Average());
        var relative = f.ServiceTimes().Select(s => (Desk: (s.Ticket.Ward, s.Ticket.Calls[^1].Counter), X: s.Minutes / cityMean[s.Ticket.Service])).ToList();
        var cv2 = relative.Average(r => (r.X - 1) * (r.X - 1));
        var desks = relative.GroupBy(r => r.Desk).Where(g => g.Count() >= 30).Select(g => (Mean: g.Average(r => r.X), N: g.Count())).ToList();
        var grand = desks.Average(d => d.Mean);
        var between = desks.Sum(d => (d.Mean - grand) * (d.Mean - grand)) / (desks.Count - 1);
        var noise = desks.Average(d => cv2 / d.N);
        var paceSpread = Math.Sqrt(Math.Max(0, between - noise));
        TestContext.Current.TestOutputHelper?.WriteLine($"{desks.Count} desks: between-desk variance {between:F4}, sampling {noise:F4}, pace spread {paceSpread:P0}");
        Assert.True(desks.Count >= 100);
        Assert.InRange(paceSpread, 0.06, 0.2);
    }

    [Theory]
    [MemberData(nameof(WorkingDays))]
    public void About_6250_dossiers_60_percent_online_most_digitised_some_filed_at_a_neighbour(DateOnly day)
    {
        var received = Days.Of(SimulatorScenario.Normal, day).Events.Where(e => e.Type == EventTypes.DossierReceived).ToList();
        Assert.InRange(received.Count, 6250 * 0.9, 6250 * 1.1);
        Assert.InRange(received.Count(e => e.Channel == "online") / (double)received.Count, 0.57, 0.63);

        Assert.All(received, e => Assert.NotNull(e.Digitized));
        Assert.All(received.Where(e => e.Channel == "online"), e => Assert.True(e.Digitized));
        var paper = received.Where(e => e.Channel != "online").ToList();
        Assert.InRange(paper.Count(e => e.Digitized == true) / (double)paper.Count, 0.85, 0.95);
        var perWard = paper.GroupBy(e => e.Ward).Where(g => g.Count() >= 25).Select(g => g.Count(e => e.Digitized == true) / (double)g.Count()).ToList();
        Assert.True(perWard.Max() - perWard.Min() > 0.08, "digitisation does not vary by ward");

        var elsewhere = received.Where(e => e.ReceivedAt is not null).ToList();
        Assert.InRange(elsewhere.Count / (double)received.Count, 0.02, 0.04);
        Assert.All(elsewhere, e =>
        {
            Assert.Equal("in_person", e.Channel);
            Assert.NotEqual(e.Ward, e.ReceivedAt);
            var a = Hanoi.Get(e.Ward);
            var b = Hanoi.Get(e.ReceivedAt!);
            var km = 111 * Math.Sqrt(Math.Pow((a.CentroidLon!.Value - b.CentroidLon!.Value) * Math.Cos(a.CentroidLat!.Value * Math.PI / 180), 2) + Math.Pow(a.CentroidLat.Value - b.CentroidLat!.Value, 2));
            Assert.True(km < 15, $"{e.Dossier} filed {km:F0} km away at {e.ReceivedAt}");
        });
    }
}
