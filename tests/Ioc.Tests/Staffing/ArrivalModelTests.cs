using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Tests.Staffing;

/// <summary>How many citizens the ward expects per service and hour, learned from the tickets it saw.</summary>
public sealed class ArrivalModelTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static TicketTransition Issue(DateOnly day, int hour, string service, string label)
    {
        var ts = HanoiTime.StartOf(day).AddHours(hour).AddMinutes(10);
        var e = new TicketEvent(label, TicketStep.Issued, ts, service, "kiosk");
        var ticket = new Ticket { Label = label };
        ticket.Add(e);
        return new TicketTransition(day, ticket, default, ticket.Outcome, e);
    }

    [Fact]
    public void The_usual_rate_is_the_decayed_mean_of_earlier_days_and_todays_pace_scales_it()
    {
        var model = new ArrivalModel();
        // Monday: 20 civil-status citizens at 9; Tuesday: 40. Recent days weigh more: (20·0.75 + 40) ÷ 1.75.
        for (var i = 0; i < 20; i++) model.Learn(Issue(Monday, 9, "ho-tich", $"m{i}"));
        model.Roll();
        for (var i = 0; i < 40; i++) model.Learn(Issue(Monday.AddDays(1), 9, "ho-tich", $"t{i}"));
        model.Roll();
        Assert.Equal((20 * 0.75 + 40) / 1.75, model.UsualRate("ho-tich", 9)!.Value, 9);
        Assert.Equal(0, model.UsualRate("ho-tich", 10));
        Assert.Equal(0, model.UsualRate("dat-dai", 9));

        // Wednesday at 10:00: twice the usual hour at 9 came, so the next hour is expected twice as busy (shrunk by the prior).
        var usual = model.UsualRate("ho-tich", 9)!.Value;
        var wednesday = Monday.AddDays(2);
        for (var i = 0; i < (int)(2 * usual); i++) model.Learn(Issue(wednesday, 9, "ho-tich", $"w{i}"));
        var tenOClock = HanoiTime.StartOf(wednesday).AddHours(10);
        Assert.Equal(((int)(2 * usual) + 10) / (usual + 10), model.Pace(tenOClock), 9);
    }

    [Fact]
    public void A_ticket_counts_once_when_its_issue_becomes_known_and_days_with_nobody_are_left_out()
    {
        var model = new ArrivalModel();
        var t = Issue(Monday, 9, "ho-tich", "a");
        model.Learn(t);
        // The same ticket called later: its issue was already known.
        model.Learn(t with { Before = t.After });
        model.Roll();
        model.Roll(); // a Saturday with nobody
        Assert.Equal(1, model.UsualRate("ho-tich", 9));
    }
}
