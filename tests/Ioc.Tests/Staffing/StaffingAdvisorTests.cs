using Ioc.Grains;
using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;
using Ioc.Time;
using static Ioc.Tests.Staffing.ScriptedHall;

namespace Ioc.Tests.Staffing;

/// <summary>The staffing advisor on halls written by hand: what a ward chief would be told to do.</summary>
public sealed class StaffingAdvisorTests
{
    [Fact]
    public void A_queue_building_on_one_service_while_a_desk_idles_on_another_moves_that_desk()
    {
        var advice = Advise(
            [Busy("1", "ho-tich", 2, "ho-tich"), Desk("3", "open", "dat-dai", "xay-dung")],
            Queue(8, "ho-tich"));
        var move = Assert.Single(advice);
        Assert.Equal((AdviceKinds.MoveDesk, "3"), (move.Kind, move.Desk));
        Assert.Equal(["dat-dai", "xay-dung"], move.ServesNow);
        Assert.Equal(["ho-tich"], move.Serves);
        Assert.Equal(Now.AddHours(1), move.Until);
        Assert.Equal(8, move.Waiting);
        Assert.True(move.MeanWaitSecondsWith < move.MeanWaitSecondsWithout * 0.75, $"{move.MeanWaitSecondsWith} vs {move.MeanWaitSecondsWithout}");
        Assert.True(move.LongestWaitSecondsWith < move.LongestWaitSecondsWithout);
    }

    [Fact]
    public void An_idle_closed_desk_and_a_long_queue_open_that_desk()
    {
        var advice = Advise(
            [Busy("1", "ho-tich", 1, "ho-tich", "chung-thuc"), Desk("5", "closed")],
            Queue(10, "ho-tich"));
        var open = advice[0];
        Assert.Equal((AdviceKinds.OpenDesk, "5"), (open.Kind, open.Desk));
        Assert.True(open.Serves.IsEmpty || open.Serves.Contains("ho-tich"), string.Join(",", open.Serves));
        Assert.True(open.SavedSeconds > 10 * 60 * 10, $"saves {open.SavedSeconds} s for ten citizens");
    }

    [Fact]
    public void Nothing_to_gain_gives_no_advice()
    {
        // Two free desks for one citizen: no move can save anything worth saying.
        Assert.Empty(Advise([Desk("1", "open", "ho-tich"), Desk("2", "open", "ho-tich"), Desk("3", "closed")], Queue(1, "ho-tich")));
        // Nobody waiting.
        Assert.Empty(Advise([Busy("1", "ho-tich", 1, "ho-tich"), Desk("5", "closed")], []));
        // Every desk busy on the only queue and nothing closed to open: moving one desk between its own services helps nobody.
        Assert.Empty(Advise([Busy("1", "ho-tich", 1, "ho-tich"), Busy("2", "ho-tich", 4, "ho-tich")], Queue(3, "ho-tich")));
    }

    [Fact]
    public void Out_of_office_hours_no_advice_is_given()
    {
        var evening = new DateTimeOffset(2026, 11, 25, 18, 0, 0, HanoiTime.Offset);
        Assert.Empty(Advise([Busy("1", "ho-tich", 1, "ho-tich"), Desk("5", "closed")], Queue(10, "ho-tich"), now: evening));
    }

    [Fact]
    public void A_move_that_would_leave_a_citizen_behind_is_not_advised()
    {
        // Desk 3 is the only one for land, with land citizens waiting: moving it to the long queue would strand them.
        var advice = Advise(
            [Busy("1", "ho-tich", 2, "ho-tich"), Desk("3", "open", "dat-dai")],
            [.. Queue(6, "ho-tich"), .. Queue(3, "dat-dai", 2, "C")]);
        Assert.DoesNotContain(advice, a => a.Desk == "3" && a.Kind == AdviceKinds.MoveDesk);
    }

    [Fact]
    public void A_desk_with_a_move_in_force_is_left_alone_and_the_move_counts_as_done()
    {
        var desks = new[] { Busy("1", "ho-tich", 2, "ho-tich"), Desk("3", "open", "dat-dai"), Desk("5", "closed") };
        var queue = Queue(8, "ho-tich");
        var inForce = new DeskChange("5", ["ho-tich"], Now.AddMinutes(40)) { ClosesAfter = true };
        var advice = new StaffingAdvisor(new AdvisorOptions()).Advise(new StaffingInput(Now, queue, desks, Learned(), [inForce]));
        Assert.DoesNotContain(advice, a => a.Desk == "5");
        var without = Advise(desks, queue);
        // With desk 5 already opening, what is left to gain by moving desk 3 is less.
        var moved = without.Single(a => a.Desk == "3");
        var movedNow = advice.SingleOrDefault(a => a.Desk == "3");
        Assert.True(movedNow is null || movedNow.MeanWaitSecondsWithout < moved.MeanWaitSecondsWithout);
    }

    [Fact]
    public void The_same_hall_gives_the_same_advice()
    {
        IReadOnlyList<DeskNow> desks = [Busy("1", "ho-tich", 2, "ho-tich"), Desk("3", "open", "dat-dai"), Desk("5", "closed")];
        var queue = Queue(8, "ho-tich");
        static string Said(IReadOnlyList<StaffingAdvice> a) =>
            string.Join("; ", a.Select(x => $"{x.Kind} {x.Desk} {string.Join(",", x.ServesNow)}>{string.Join(",", x.Serves)} {x.TotalWaitSecondsWithout:R}/{x.TotalWaitSecondsWith:R}"));
        Assert.Equal(Said(Advise(desks, queue)), Said(Advise(desks, queue)));
    }
}
