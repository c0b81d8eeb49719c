using Ioc.Dashboard.History;
using Ioc.Grains;
using Ioc.Silo.History;
using Ioc.Ingest.Http;
using Ioc.Time;

namespace Ioc.Tests.History;

/// <summary>The pieces of the history path that need no server: query parsing, buckets, points, event time slots.</summary>
public sealed class HistoryQueryTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 25, 9, 0, 0, HanoiTime.Offset);

    [Theory]
    [InlineData(null, 300)]
    [InlineData("", 300)]
    [InlineData("1m", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    [InlineData("90s", 90)]
    [InlineData("600", 600)]
    public void Steps_are_durations_or_seconds(string? step, int seconds)
    {
        var errors = new List<FieldError>();
        Assert.Equal(TimeSpan.FromSeconds(seconds), HistoryQuery.Step(step, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("59")]
    [InlineData("30s")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    [InlineData("1w")]
    [InlineData("367d")]
    [InlineData("9999999999")]
    public void Other_steps_are_refused_by_name(string step)
    {
        var errors = new List<FieldError>();
        Assert.Null(HistoryQuery.Step(step, errors));
        Assert.Equal("step", Assert.Single(errors).Field);
    }

    [Fact]
    public void Buckets_start_at_multiples_of_the_step_and_are_counted_like_influxdb_does()
    {
        var step = TimeSpan.FromMinutes(5);
        Assert.Equal(Nine, HistoryQuery.BucketStart(Nine.AddMinutes(4).AddSeconds(59), step));
        Assert.Equal(Nine.AddMinutes(5), HistoryQuery.BucketStart(Nine.AddMinutes(5), step));
        Assert.Equal(2, HistoryQuery.Buckets(Nine, Nine.AddMinutes(10), step));
        Assert.Equal(3, HistoryQuery.Buckets(Nine.AddMinutes(1), Nine.AddMinutes(11), step));
        Assert.Equal(0, HistoryQuery.Buckets(Nine, Nine, step));
        // A day bucket runs from 07:00 to 07:00 in Hanoi (midnight UTC), as GROUP BY time(1d) cuts it.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 7, 0, 0, HanoiTime.Offset), HistoryQuery.BucketStart(Nine, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Means_leave_out_samples_without_a_value_empty_buckets_and_samples_outside_the_range()
    {
        WardSample S(int minute, int waiting, double? avg) => new(Nine.AddMinutes(minute).ToUniversalTime(), waiting, avg, 0, 0, 0, 0);
        var samples = new[] { S(-1, 50, 50), S(0, 1, null), S(1, 2, 10), S(2, 6, 20), S(12, 4, null), S(15, 9, 9) };
        var step = TimeSpan.FromMinutes(5);

        Assert.Equal([new HistoryPoint(Nine, 3), new HistoryPoint(Nine.AddMinutes(10), 4)],
            HistoryQuery.Means(samples, HistoryQuery.Waiting, Nine, Nine.AddMinutes(15), step));
        var avg = HistoryQuery.Means(samples, HistoryQuery.AvgWait, Nine, Nine.AddMinutes(15), step);
        Assert.Equal([new HistoryPoint(Nine, 15)], avg);
        Assert.Equal(TimeSpan.FromHours(7), avg[0].At.Offset);
    }

    [Fact]
    public void Range_refuses_an_empty_range_and_more_than_2000_points()
    {
        var errors = new List<FieldError>();
        HistoryQuery.Range(Nine, Nine, TimeSpan.FromMinutes(1), errors);
        Assert.Equal("to", Assert.Single(errors).Field);

        errors.Clear();
        HistoryQuery.Range(Nine, Nine.AddMinutes(2000), TimeSpan.FromMinutes(1), errors);
        Assert.Empty(errors);
        HistoryQuery.Range(Nine, Nine.AddMinutes(2000).AddSeconds(1), TimeSpan.FromMinutes(1), errors);
        Assert.Contains("at most 2000", Assert.Single(errors).Message);
    }

    [Fact]
    public void Event_points_carry_tags_and_fields_only_when_the_event_has_them()
    {
        var issued = new BusinessEvent("e-1", "ticket.issued", Nine, "kiosk-1", Ticket: "A 1", Service: "ho-tich", Channel: "kiosk");
        Assert.StartsWith("event,channel=kiosk,service=ho-tich,type=ticket.issued,ward=00004 id=\"e-1\",ticket=\"A 1\" " + Nine.ToUnixTimeMilliseconds(),
            EventPoints.Line("00004", issued));
        var rating = new BusinessEvent("e-2", "rating.submitted", Nine, "robot-1", Score: 5);
        Assert.StartsWith("event,type=rating.submitted,ward=00004 id=\"e-2\",score=5i " + Nine.ToUnixTimeMilliseconds(),
            EventPoints.Line("00004", rating));
    }

    [Fact]
    public void An_event_is_always_the_same_point_and_two_events_of_one_millisecond_are_two_points()
    {
        var a = new BusinessEvent("e-a", "ticket.issued", Nine, "kiosk-1", Ticket: "A1", Service: "ho-tich", Channel: "kiosk");
        var b = a with { EventId = "e-b", Ticket = "A2" };
        // Nanoseconds inside the event's own millisecond, taken from its id: a retry rewrites the same point.
        Assert.Equal(EventPoints.Nanoseconds(a), EventPoints.Nanoseconds(a with { DeviceId = "other" }));
        Assert.NotEqual(EventPoints.Nanoseconds(a), EventPoints.Nanoseconds(b));
        Assert.Equal(Nine.ToUnixTimeMilliseconds(), EventPoints.Nanoseconds(a) / 1_000_000);
        Assert.Equal(Nine.ToUnixTimeMilliseconds(), EventPoints.Nanoseconds(b) / 1_000_000);
    }

    [Fact]
    public void Ward_points_leave_out_avgWait_until_a_wait_was_measured()
    {
        var summary = new WardSummary
        {
            Code = "00004", Name = "Ba Đình", Type = "ward", Status = "ok", Waiting = 3, CountersOpen = 2, RobotsOnline = 1, Day = "2026-11-25",
            Dossiers = new DossierCounts(0, 0, 0, 4, 1, 2, 0),
        };
        var ms = Nine.ToUnixTimeMilliseconds();
        Assert.Equal($"ward,type=ward,ward=00004 waiting=3i,countersOpen=2i,robotsOnline=1i,overdue=1i,dueSoon=2i {ms}",
            HistoryPoints.Ward(summary, Nine).ToLineProtocol());
        Assert.EndsWith($",avgWait=61.5 {ms}", HistoryPoints.Ward(summary with { WaitsMeasured = 2, WaitMillisSum = 123_000 }, Nine).ToLineProtocol());
    }
}
