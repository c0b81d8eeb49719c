using Ioc.Grains;
using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;
using static Ioc.Tests.Staffing.ScriptedHall;

namespace Ioc.Tests.Staffing;

/// <summary>
/// The waits an advice promises, on a hall one can work out by hand (every service exactly ten minutes,
/// nobody missing a call, nobody new coming), against a calculator written here: desks taking the
/// oldest citizen as they free up.
/// </summary>
public sealed class StaffingFiguresTests
{
    private const double Service = 600;

    /// <summary>Waits of citizens issued at <paramref name="issued"/> (seconds from now, oldest first) at desks free from <paramref name="freeFrom"/>.</summary>
    private static List<double> ByHand(double[] issued, params double[] freeFrom)
    {
        var free = freeFrom.ToList();
        var waits = new List<double>();
        foreach (var at in issued)
        {
            var d = free.IndexOf(free.Min());
            waits.Add(free[d] - at);
            free[d] += Service;
        }
        return waits;
    }

    [Fact]
    public void Opening_a_desk_promises_the_waits_worked_out_by_hand()
    {
        var queue = Queue(6, "ho-tich", everyMinutes: 5);
        var issued = queue.Select(k => (k.IssuedAt - Now).TotalSeconds).ToArray();
        var advice = Advise([Desk("1", "open", "ho-tich"), Desk("2", "closed")], queue, Exact(Service, "ho-tich"));

        var open = advice[0];
        Assert.Equal((AdviceKinds.OpenDesk, "2", 6, 0.0), (open.Kind, open.Desk, open.Waiting, open.ExpectedArrivals));
        var without = ByHand(issued, 0);
        var with = ByHand(issued, 0, StaffingHall.OpenDelay.TotalSeconds);
        Assert.Equal(without.Sum(), open.TotalWaitSecondsWithout, 0.01 * without.Sum());
        Assert.Equal(with.Sum(), open.TotalWaitSecondsWith, 0.01 * with.Sum());
        Assert.Equal(without.Max(), open.LongestWaitSecondsWithout, 0.01 * without.Max());
        Assert.Equal(with.Max(), open.LongestWaitSecondsWith, 0.01 * with.Max());
        Assert.Equal(without.Average(), open.MeanWaitSecondsWithout, 0.01 * without.Average());
    }

    [Fact]
    public void Moving_a_desk_promises_the_waits_worked_out_by_hand()
    {
        // Desk 2 is half-way through a land file (9 of 10 minutes left) and takes nobody's queue but land's.
        var queue = Queue(5, "ho-tich", everyMinutes: 4);
        var issued = queue.Select(k => (k.IssuedAt - Now).TotalSeconds).ToArray();
        var desks = new[] { Desk("1", "open", "ho-tich"), new DeskNow("2", "open", true, ["dat-dai"], Now.AddMinutes(-30), new DeskTicket(Now.AddMinutes(-1), "C001", "dat-dai")) };
        var advice = Advise(desks, queue, Exact(Service, "ho-tich", "dat-dai"));

        var move = Assert.Single(advice);
        Assert.Equal((AdviceKinds.MoveDesk, "2"), (move.Kind, move.Desk));
        Assert.Equal(["ho-tich"], move.Serves);
        var without = ByHand(issued, 0);
        var with = ByHand(issued, 0, Service - 60);
        Assert.Equal(without.Sum(), move.TotalWaitSecondsWithout, 0.01 * without.Sum());
        Assert.Equal(with.Sum(), move.TotalWaitSecondsWith, 0.01 * with.Sum());
    }

    [Fact]
    public void Citizens_expected_in_the_next_hour_are_counted_at_the_learned_rate()
    {
        // A usual day brings 30 civil-status citizens an hour at 9 and at 10; today has been usual so far.
        var model = Exact(Service, "ho-tich");
        model.Arrivals.Days = 1;
        model.Arrivals.HourCounts["ho-tich"] = new double[24];
        model.Arrivals.HourCounts["ho-tich"][9] = 30;
        model.Arrivals.HourCounts["ho-tich"][10] = 30;
        model.Arrivals.Today["ho-tich"] = new double[24];
        model.Arrivals.Today["ho-tich"][9] = 15;
        var advice = Advise([Desk("1", "open", "ho-tich"), Desk("2", "closed"), Desk("3", "closed")], Queue(6, "ho-tich"), model);
        var open = advice[0];
        Assert.InRange(open.ExpectedArrivals, 27, 33);
        Assert.Equal(6 + open.ExpectedArrivals, open.Citizens);
    }
}
