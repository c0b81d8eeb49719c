using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Telemetry;
using Ioc.Time;
using static Ioc.Tests.Support.Events;

namespace Ioc.Tests.Ledger;

/// <summary>The order rules of telemetry-v1 ("Days"), one test each, on the plain ward ledger.</summary>
public sealed class LedgerRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, HanoiTime.Offset);
    private static readonly DateTimeOffset Evening = T0.AddHours(8);
    private const long Target = 15 * 60_000;

    private static WardLedger Ledger(DateTimeOffset? now = null)
    {
        var l = new WardLedger();
        l.EnsureReady(now ?? Evening, TimeSpan.FromHours(24));
        return l;
    }

    private static DaySummary Today(WardLedger l) => l.Summary(l.Today);

    private static BusinessEvent NoShow(string ticket, string counter, DateTimeOffset ts) =>
        new(NextId(), EventTypes.TicketNoShow, ts, "desk", Ticket: ticket, Counter: counter);

    [Fact]
    public void Ticket_events_in_any_order_give_the_same_waits_and_service_times_and_leave_nobody_waiting()
    {
        // Five ordinary tickets: issued by the robot, called and served by two desks.
        var events = new List<BusinessEvent>();
        for (var i = 0; i < 5; i++)
        {
            var t = $"A{i:000}";
            events.Add(Issued(t, ServiceCodes.HoTich, T0.AddMinutes(i)));
            events.Add(Called(t, $"{1 + i % 2}", T0.AddMinutes(10 + 3 * i)));
            events.Add(Served(t, $"{1 + i % 2}", T0.AddMinutes(12 + 3 * i)));
        }
        var shuffled = Ledger();
        // Served first, then calls, then issues: the worst order a network can deliver.
        shuffled.Apply([.. events.OrderByDescending(e => e.Type)], Evening, Target, null);
        var d = Today(shuffled);
        Assert.Equal((5, 5, 5), (d.WaitsMeasured, d.ServicesMeasured, d.TicketsServed));
        // Waits 10, 12, 14, 16, 18 min; each service 2 min.
        Assert.Equal(70 * 60_000L, d.WaitMillisSum);
        Assert.Equal(18 * 60_000L, d.WaitMillisMax);
        Assert.Equal(10 * 60_000L, d.ServiceMillisSum);
        Assert.Empty(shuffled.TodayTickets.Waiting);
        Assert.Null(shuffled.TodayTickets.CurrentAt("1"));
        Assert.Null(shuffled.TodayTickets.CurrentAt("2"));
    }

    [Fact]
    public void A_ticket_called_again_counts_once_with_the_wait_up_to_its_last_call()
    {
        var l = Ledger();
        l.Apply([Issued("B001", ServiceCodes.ChungThuc, T0), Called("B001", "1", T0.AddMinutes(5)),
            Called("B001", "1", T0.AddMinutes(7)), Served("B001", "1", T0.AddMinutes(12))], Evening, Target, null);
        var d = Today(l);
        Assert.Equal((1, 1, 7 * 60_000L), (d.TicketsCalled, d.WaitsMeasured, d.WaitMillisSum));
        Assert.Equal(5 * 60_000L, d.ServiceMillisSum);
    }

    [Fact]
    public void A_no_show_called_again_and_served_is_served_with_the_wait_up_to_the_last_call()
    {
        var l = Ledger();
        // Delivered served first, the no-show last.
        l.Apply([Served("C001", "2", T0.AddMinutes(30)), Called("C001", "2", T0.AddMinutes(20)), Issued("C001", ServiceCodes.HoTich, T0),
            Called("C001", "2", T0.AddMinutes(10)), NoShow("C001", "2", T0.AddMinutes(12))], Evening, Target, null);
        var d = Today(l);
        Assert.Equal((1, 0), (d.TicketsServed, d.TicketsNoShow));
        Assert.Equal((1, 20 * 60_000L, 1), (d.WaitsMeasured, d.WaitMillisSum, d.WaitsOverTarget));
        Assert.Equal(10 * 60_000L, d.ServiceMillisSum);
    }

    [Fact]
    public void A_dossier_resolved_before_its_receipt_arrives_counts_when_the_receipt_arrives_and_never_turns_overdue()
    {
        var l = Ledger();
        l.Apply([Dossier(EventTypes.DossierResolved, "HS-R1", T0.AddHours(2))], Evening, Target, null);
        Assert.Equal((0, 0), (Today(l).DossiersResolvedOnTime, l.Dossiers.Open));
        l.Apply([Received("HS-R1", T0, T0.AddHours(4))], Evening, Target, null);
        var d = Today(l);
        Assert.Equal((1, 1, 0), (d.DossiersReceived, d.DossiersResolvedOnTime, d.DossiersResolvedLate));
        Assert.Equal((0, 0), (l.Dossiers.Open, l.Dossiers.Count(DossierClass.Overdue)));
    }

    [Fact]
    public void A_resume_arriving_before_its_pause_still_moves_the_due_time_later_by_the_pause()
    {
        var l = Ledger(now: T0.AddHours(3));
        l.Apply([Received("HS-P1", T0, T0.AddHours(2)), Dossier(EventTypes.DossierResumed, "HS-P1", T0.AddHours(1.5))], T0.AddHours(3), Target, null);
        // Without its pause the resume means nothing yet: due at 11:00, overdue at 12:00.
        Assert.Equal(DossierClass.Overdue, l.Dossiers.ClassOf("HS-P1"));
        l.Apply([Dossier(EventTypes.DossierPaused, "HS-P1", T0.AddHours(0.5))], T0.AddHours(3), Target, null);
        // Paused an hour: the due time moves to 12:00, and at 12:00 it is not overdue yet (only after).
        Assert.Equal(DossierClass.DueSoon, l.Dossiers.ClassOf("HS-P1"));
        Assert.Empty(l.Dossiers.Advance(T0.AddHours(3)));
        Assert.Equal([ "HS-P1" ], l.Dossiers.Advance(T0.AddHours(3).AddSeconds(1)));
        Assert.Equal(DossierClass.Overdue, l.Dossiers.ClassOf("HS-P1"));
    }

    [Fact]
    public void Pausing_an_overdue_dossier_keeps_it_overdue_and_late_when_resolved()
    {
        var now = T0.AddHours(5);
        var l = Ledger(now);
        l.Apply([Received("HS-O1", T0, T0.AddHours(1)), Dossier(EventTypes.DossierPaused, "HS-O1", T0.AddHours(2))], now, Target, null);
        Assert.Equal((1, 1), (l.Dossiers.Open, l.Dossiers.Count(DossierClass.Overdue)));
        l.Apply([Dossier(EventTypes.DossierResumed, "HS-O1", T0.AddHours(4)), Dossier(EventTypes.DossierResolved, "HS-O1", T0.AddHours(4.5))], now, Target, null);
        Assert.Equal((0, 1), (Today(l).DossiersResolvedOnTime, Today(l).DossiersResolvedLate));
    }

    [Fact]
    public void A_rating_timed_before_midnight_and_delivered_after_counts_for_its_own_day_and_amends_it()
    {
        var beforeMidnight = new DateTimeOffset(2026, 11, 25, 23, 59, 50, HanoiTime.Offset);
        var l = Ledger(beforeMidnight);
        l.Apply([Rating(4, beforeMidnight.AddSeconds(-60))], beforeMidnight, Target, null);
        var after = beforeMidnight.AddSeconds(14);
        Assert.True(l.Roll(after));
        var late = l.Apply([Rating(2, beforeMidnight)], after, Target, null);
        Assert.Equal([new DateOnly(2026, 11, 25)], late.AmendedDays);
        var closed = Assert.Single(l.ClosedDays);
        Assert.Equal((2, 6, 1), (closed.Ratings, closed.RatingSum, closed.RatingsGood));
        Assert.Equal(0, Today(l).Ratings);
    }

    [Fact]
    public void City_averages_come_from_the_wards_sums_not_from_their_rounded_averages()
    {
        WardSummary Ward(string code, int waits, long millis, int ratings, int sum) => new()
        {
            Code = code, Name = code, Type = "ward", Status = "ok", Day = "2026-11-25", Dossiers = new(0, 0, 0, 0, 0, 0, 0),
            WaitsMeasured = waits, WaitMillisSum = millis, Ratings = ratings, RatingSum = sum,
        };
        // 132.85 s over 2 waits and 132.9 s over 8: rounded to 132.8 and 132.9 the city would be 132.88.
        var city = CityTotals.From([Ward("a", 2, 265_700, 3, 13), Ward("b", 8, 1_063_200, 7, 25)]);
        Assert.Equal((265_700 + 1_063_200) / 1000.0 / 10, city.AvgWaitSeconds!.Value, 12);
        Assert.Equal(38.0 / 10, city.Satisfaction!.Value, 12);
    }
}
