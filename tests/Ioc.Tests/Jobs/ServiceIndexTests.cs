using Ioc.Dashboard.Jobs;
using Ioc.Grains;
using Ioc.Wards;
using static Ioc.Grains.ServiceIndexScore;

namespace Ioc.Tests.Jobs;

/// <summary>The service index of api-v1 against cases worked out by hand (the expected numbers are arithmetic here, not production code).</summary>
public sealed class ServiceIndexTests
{
    private static readonly DateOnly Day = new(2025, 9, 23);

    private static DaySummary Period(int received = 0, int online = 0, int onTime = 0, int late = 0, int overdueOpen = 0,
        int ratings = 0, int good = 0, int digitized = 0, int digitizedKnown = 0) => new()
    {
        Day = Day, DossiersReceived = received, DossiersReceivedOnline = online, DossiersResolvedOnTime = onTime,
        DossiersResolvedLate = late, OverdueAtClose = overdueOpen, Ratings = ratings, RatingsGood = good,
        DossiersDigitized = digitized, DossiersDigitizedKnown = digitizedKnown,
    };

    private static double? Points(ServiceIndexScore s, string group) => s[group].Points;

    [Fact]
    public void A_dossier_still_legally_in_progress_is_not_penalised()
    {
        // Day 2 of a month: 5 resolved on time, 45 still within their time.
        var s = Compute(Period(received: 50, onTime: 5));
        Assert.Equal(20.0, Points(s, GroupNames.Progress));
        // The old formula (on time ÷ received) would have given 20 × 5/50 = 2.
        var lateOnly = Compute(Period(received: 50, late: 40, onTime: 0));
        Assert.Equal(0.0, Points(lateOnly, GroupNames.Progress));
        Assert.True(s.Score > lateOnly.Score, "a ward with 5 on time and 45 in progress must rank above one that resolved 40 late");
    }

    [Fact]
    public void An_overdue_open_dossier_is_penalised()
    {
        var s = Compute(Period(received: 10, onTime: 6, overdueOpen: 2));
        Assert.Equal(20.0 * 6 / 8, Points(s, GroupNames.Progress));
    }

    [Fact]
    public void Wards_at_60_and_100_percent_online_score_differently()
    {
        var sixty = Compute(Period(received: 100, online: 60, onTime: 100));
        var all = Compute(Period(received: 100, online: 100, onTime: 100));
        Assert.Equal(22 * 0.6, Points(sixty, GroupNames.Online)!.Value, 9);
        Assert.Equal(22.0, Points(all, GroupNames.Online));
        Assert.True(all.Score > sixty.Score);
    }

    [Fact]
    public void No_ratings_is_not_measured_and_the_score_is_over_the_measured_groups_only()
    {
        var s = Compute(Period(received: 10, online: 5, onTime: 10));
        var satisfaction = s[GroupNames.Satisfaction];
        Assert.Null(satisfaction.Points);
        Assert.Equal(Reasons.NoRatings, satisfaction.NotMeasured);
        Assert.Equal(Reasons.NotMeasuredByCenter, s[GroupNames.Publicity].NotMeasured);
        Assert.Equal(Reasons.NoDigitizedField, s[GroupNames.Digitisation].NotMeasured);
        // Measured: progress 20/20, online 11/22 → 31 of 42 → 73.81.
        Assert.Equal(42, s.MeasuredMax);
        Assert.Equal(31.0 / 42 * 100, s.Score!.Value, 9);
        var nothing = Compute(Period());
        Assert.Null(nothing.Score);
        Assert.All(nothing.Groups, g => Assert.Null(g.Points));
    }

    [Fact]
    public void Digitisation_counts_digitised_dossiers_among_those_received()
    {
        var s = Compute(Period(received: 40, onTime: 1, digitized: 30, digitizedKnown: 36));
        Assert.Equal(22.0 * 30 / 40, Points(s, GroupNames.Digitisation));
    }

    [Fact]
    public void Thuong_Tin_4607_on_time_none_late_77_in_progress_scores_full_progress_and_ranks_above_a_ward_with_38_overdue()
    {
        var thuongTin = Period(received: 4684, online: 2811, onTime: 4607, ratings: 1200, good: 1140);
        var s = Compute(thuongTin);
        Assert.Equal(20.0, Points(s, GroupNames.Progress));
        // Hồng Hà: 6,323 received, 273 in progress of which 38 late; the rest resolved on time.
        var hongHa = Period(received: 6323, online: 2811 * 6323 / 4684, onTime: 6323 - 273, overdueOpen: 38, ratings: 1200, good: 1140);
        Assert.Equal(20.0 * 6050 / (6050 + 38), Points(Compute(hongHa), GroupNames.Progress)!.Value, 9);
        var ranking = ServiceIndexJob.Rank(Day, new DateOnly(2025, 9, 1), DateTimeOffset.UnixEpoch,
            [(WardDirectory.Load("hanoi").Get("00097"), hongHa), (WardDirectory.Load("hanoi").All.First(w => w.Name == "Thường Tín"), thuongTin)]);
        Assert.Equal("Thường Tín", ranking.Entries[0].Name);
        Assert.Equal(38, ranking.Entries[1].OverdueOpen);
    }
}
