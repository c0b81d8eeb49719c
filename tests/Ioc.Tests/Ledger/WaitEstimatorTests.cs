using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Tests.Ledger;

/// <summary>The hall played forward: what the estimate does as desks, queues and learned times change.</summary>
public sealed class WaitEstimatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, HanoiTime.Offset);

    private static ServiceTimeModel Model(double seconds = 600) => new() { DefaultSeconds = seconds };

    private static DeskNow Desk(string label, string status = "open", DeskTicket? current = null, params string[] services) =>
        new(label, status, true, services, Now.AddMinutes(-1), current);

    private static List<WaitingKey> Queue(int n, string service = "ho-tich") =>
        [.. Enumerable.Range(0, n).Select(i => new WaitingKey(Now.AddMinutes(-20 + i), $"A{i:000}", service))];

    private static double? Wait(IReadOnlyList<DeskNow> desks, List<WaitingKey> ahead, ServiceTimeModel? model = null, string service = "ho-tich")
    {
        var target = new WaitingKey(Now, "Z999", service);
        return QueueForecast.CallAt(target, ahead, desks, model ?? Model(), Now) is { } call ? (call - Now).TotalSeconds : null;
    }

    [Fact]
    public void More_desks_shorten_the_wait_and_a_longer_queue_lengthens_it()
    {
        var one = Wait([Desk("1")], Queue(4))!.Value;
        var two = Wait([Desk("1"), Desk("2")], Queue(4))!.Value;
        var longer = Wait([Desk("1"), Desk("2")], Queue(8))!.Value;
        Assert.True(two < one * 0.7, $"{two} vs {one}");
        Assert.True(longer > two * 1.5, $"{longer} vs {two}");
        // Four ahead of ten-minute services at one desk: about forty minutes.
        Assert.InRange(one, 30 * 60, 50 * 60);
    }

    [Fact]
    public void A_closed_desk_takes_nobody_a_paused_one_comes_back_and_no_desk_means_no_estimate()
    {
        var open = Wait([Desk("1"), Desk("2")], Queue(3))!.Value;
        var closed = Wait([Desk("1"), Desk("2", "closed")], Queue(3))!.Value;
        var paused = Wait([Desk("1"), Desk("2", "paused")], Queue(3))!.Value;
        Assert.True(closed > paused && paused > open, $"open {open}, paused {paused}, closed {closed}");
        Assert.Null(Wait([Desk("1", "closed")], Queue(3)));
        Assert.Null(Wait([Desk("1", services: "dat-dai")], Queue(3)));
    }

    [Fact]
    public void A_desk_that_serves_several_services_shares_itself_in_the_order_tickets_were_issued()
    {
        // Desk 1 takes only hộ tịch; desk 2 takes both. Three land tickets issued first keep desk 2 busy.
        List<WaitingKey> mixed = [.. Queue(3, "dat-dai"), .. Queue(1, "ho-tich").Select(k => k with { IssuedAt = Now.AddMinutes(-5), Label = "H1" })];
        var shared = Wait([Desk("1", services: "ho-tich"), Desk("2", services: ["ho-tich", "dat-dai"])], mixed)!.Value;
        var alone = Wait([Desk("1", services: "ho-tich"), Desk("2", services: "ho-tich")], Queue(1))!.Value;
        Assert.True(shared > alone, $"{shared} vs {alone}");
    }

    [Fact]
    public void A_desk_half_way_through_a_service_frees_up_sooner_than_one_that_just_called()
    {
        var justCalled = Wait([Desk("1", current: new DeskTicket(Now, "X", "ho-tich"))], [])!.Value;
        var halfWay = Wait([Desk("1", current: new DeskTicket(Now.AddMinutes(-5), "X", "ho-tich"))], [])!.Value;
        Assert.True(halfWay < justCalled, $"{halfWay} vs {justCalled}");
    }

    [Fact]
    public void The_same_hall_gives_the_same_estimate()
    {
        var desks = new[] { Desk("1"), Desk("2", current: new DeskTicket(Now.AddMinutes(-3), "X", "ho-tich")) };
        Assert.Equal(Wait(desks, Queue(5)), Wait(desks, Queue(5)));
    }

    /// <summary>Ten-minute services exactly, nobody missing a call, no gap: a hall one can play by hand.</summary>
    private static ServiceTimeModel Exact()
    {
        var model = new ServiceTimeModel { DefaultSeconds = 600, Calls = 1e9 };
        const double n = 1e10;
        model.LogMoments["ho-tich"] = [n, n * Math.Log(600), n * Math.Log(600) * Math.Log(600)];
        return model;
    }

    [Fact]
    public void A_closed_desk_the_ward_opens_on_demand_comes_in_once_a_citizen_has_waited_that_long()
    {
        var model = Exact();
        model.OnDemand.Openings["G"] = [2, 2 * 25 * 60]; // the ward opens G once a citizen has waited 25 min
        List<WaitingKey> queue = [.. new[] { 20, 19, 18 }.Select((ago, i) => new WaitingKey(Now.AddMinutes(-ago), $"A{i}", "ho-tich"))];
        // By hand: desk 1 takes A0 now, A2 at 10 min; G opens at 6 min (A1 has waited 25), takes A1, then the target at 16 min.
        Assert.InRange(Wait([Desk("1"), Desk("G", "closed")], queue, model)!.Value, 16 * 60 - 2, 16 * 60 + 2);
        // A closed desk the ward never opened on demand stays closed: desk 1 alone takes the three, then the target at 30 min.
        Assert.InRange(Wait([Desk("1"), Desk("H", "closed")], queue, model)!.Value, 30 * 60 - 2, 30 * 60 + 2);
        // Nobody waits 25 min before the target is called (at 10 min, after A0): G does not come.
        List<WaitingKey> fresh = [new WaitingKey(Now.AddMinutes(-2), "A0", "ho-tich")];
        Assert.InRange(Wait([Desk("1"), Desk("G", "closed")], fresh, model)!.Value, 10 * 60 - 2, 10 * 60 + 2);
        // An on-demand desk alone is no desk serving now: no estimate.
        Assert.Null(Wait([Desk("G", "closed")], queue, model));
    }

    [Fact]
    public void Before_the_hall_opens_the_desks_that_have_served_come_in_at_eight_and_a_ward_that_has_seen_none_tells_nothing()
    {
        var early = new DateTimeOffset(2026, 11, 25, 7, 40, 0, HanoiTime.Offset);
        DeskNow Closed(string label) => new(label, "closed", true, [], early.AddHours(-14), null);
        double? Minutes(IReadOnlyList<DeskNow> desks, ServiceTimeModel model, DateTimeOffset at) =>
            QueueForecast.CallAt(new WaitingKey(at, "A2", "ho-tich"), [new(at.AddMinutes(-10), "A0", "ho-tich"), new(at.AddMinutes(-9), "A1", "ho-tich")],
                desks, model, at) is { } call ? (call - at).TotalMinutes : null;
        var served = Exact();
        served.DeskSeconds["1"] = [600, 600];
        served.DeskSeconds["2"] = [600, 600];
        // By hand: at 08:00 desks 1 and 2 take A0 and A1, ten minutes each; the target is called at 08:10.
        Assert.InRange(Minutes([Closed("1"), Closed("2")], served, early)!.Value, 30 - 0.05, 30 + 0.05);
        // A counter never seen serving (a spare) is not counted on: desk 1 alone calls the target at 08:20.
        Assert.InRange(Minutes([Closed("1"), Closed("3")], served, early)!.Value, 40 - 0.05, 40 + 0.05);
        // Over lunch the same: desks come in at 13:00.
        var lunch = new DateTimeOffset(2026, 11, 25, 12, 40, 0, HanoiTime.Offset);
        Assert.InRange(Minutes([Closed("1"), Closed("2")], served, lunch)!.Value, 30 - 0.05, 30 + 0.05);
        // A ward that has seen no desk serve (its first morning) tells no time rather than guess.
        Assert.Null(Minutes([Closed("1"), Closed("2")], Exact(), early));
        // In office hours a closed desk stays closed, and more than an hour before opening nothing is told.
        Assert.Null(Minutes([Closed("1"), Closed("2")], served, Now));
        Assert.Null(Minutes([Closed("1"), Closed("2")], served, early.AddHours(-1)));
        // On a Saturday the hall does not open.
        Assert.Null(Minutes([Closed("1"), Closed("2")], served, early.AddDays(3)));
    }

    [Fact]
    public void A_desk_that_just_finished_files_its_papers_before_it_calls_the_next_citizen()
    {
        var model = Exact();
        model.Gaps = 10;
        model.GapSeconds = 10 * 30; // the ward's desks file for 30 s between two citizens
        model.LastFinish["1"] = Now.AddSeconds(-10);
        Assert.InRange(Wait([Desk("1")], [], model)!.Value, 19, 21);
        // One that finished long ago calls at once.
        model.LastFinish["1"] = Now.AddMinutes(-5);
        Assert.InRange(Wait([Desk("1")], [], model)!.Value, 0, 1);
    }
}
