using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Tests.Ledger;

/// <summary>What the ward learns of its desks' pace: an hour's service time shrunk towards the day's, and the pause between citizens.</summary>
public sealed class ServiceTimeModelTests
{
    private static readonly DateTimeOffset Eight = new(2026, 11, 25, 8, 0, 0, HanoiTime.Offset);
    private static readonly DateOnly Day = new(2026, 11, 25);

    [Fact]
    public void An_hour_with_few_services_is_shrunk_towards_the_day_and_one_with_many_follows_its_own()
    {
        var model = new ServiceTimeModel();
        model.HourCounts["ho-tich"] = new double[24];
        model.HourSeconds["ho-tich"] = new double[24];
        model.HourCounts["ho-tich"][9] = 1;
        model.HourSeconds["ho-tich"][9] = 1200;
        model.HourCounts["ho-tich"][14] = 99;
        model.HourSeconds["ho-tich"][14] = 99 * 600;
        var day = (1200 + 99 * 600) / 100.0;
        Assert.Equal((1200 + 10 * day) / (1 + 10), model.MeanSeconds("ho-tich", 9), 6);
        Assert.Equal((99 * 600 + 10 * day) / (99 + 10), model.MeanSeconds("ho-tich", 14), 6);
        Assert.InRange(model.MeanSeconds("ho-tich", 14), 600, 610);
    }

    [Fact]
    public void The_pause_between_citizens_counts_only_when_the_next_citizen_was_already_waiting()
    {
        var model = new ServiceTimeModel();
        Ticket("A", issued: 0, called: 60, served: 300, model);
        // B waited while A was served: the desk called it 20 s after A.
        Ticket("B", issued: 120, called: 320, served: 500, model);
        // C came 2 min after B was done: the 150 s before its call are no pause of the desk's.
        Ticket("C", issued: 620, called: 650, served: 800, model);
        Assert.Equal(20, model.GapMeanSeconds, 6);
    }

    /// <summary>A ticket issued, called at desk 1 and served, seconds after 08:00, each event learned as it is applied.</summary>
    private static void Ticket(string label, double issued, double called, double served, ServiceTimeModel model)
    {
        var t = new Ticket { Label = label };
        foreach (var e in new[]
        {
            new TicketEvent(label + "-i", TicketStep.Issued, Eight.AddSeconds(issued), "ho-tich", "kiosk"),
            new TicketEvent(label + "-c", TicketStep.Called, Eight.AddSeconds(called), Counter: "1"),
            new TicketEvent(label + "-s", TicketStep.Served, Eight.AddSeconds(served), Counter: "1"),
        })
        {
            var before = t.Outcome;
            t.Add(e);
            model.Learn(new TicketTransition(Day, t, before, t.Outcome, e), 8);
        }
    }
}
