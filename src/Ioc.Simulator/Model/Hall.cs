namespace Ioc.Simulator.Model;

/// <summary>One ward's service hall during the simulation: desks, robots, the waiting citizens.</summary>
internal sealed class Hall
{
    public Hall(WardProfile p)
    {
        P = p;
        Desks = Enumerable.Range(0, p.CounterCount)
            .Select(i => new Desk(i, p.CounterId(i + 1), WardProfile.CounterLabel(i + 1), p.CounterServices[i], p.DeskSpeeds[i], p.FlexCounters[i]))
            .ToArray();
        Robots = Enumerable.Range(0, p.RobotCount).Select(i => new Robot(i, p.RobotId(i + 1))).ToArray();
    }

    public WardProfile P { get; }
    public Desk[] Desks { get; }
    public Robot[] Robots { get; }

    /// <summary>Issued, not yet called, in issue order.</summary>
    public List<WaitingTicket> Waiting { get; } = [];

    public int[] TicketNo { get; } = new int[Catalog.Services.Count];

    /// <summary>The hall's stream for what happens during the day (service times, no-shows, ratings).</summary>
    public Rng Rng { get; set; } = new(0);

    public DateOnly Day { get; set; }
    public string DayTag { get; set; } = "";
    public int NextRobot { get; set; }

    /// <summary>The oldest waiting ticket among the services <paramref name="desk"/> handles (FIFO by issue time).</summary>
    public WaitingTicket? OldestFor(Desk desk)
    {
        foreach (var t in Waiting)
            if (desk.Handles(t.Service)) return t;
        return null;
    }
}
