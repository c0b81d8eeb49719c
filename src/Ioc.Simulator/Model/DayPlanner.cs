using System.Globalization;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>
/// Plans a day for every hall at its midnight: the citizens who will come, the desks' sessions and
/// breaks, the robots' day, the dossiers, and what the scenario changes. Each hall draws from its own
/// seeded stream, so one hall's plan never depends on another's.
/// </summary>
internal sealed class DayPlanner(SimScheduler clock, CityLayout layout, Hall[] halls)
{
    public const double OnlineTicketShare = 0.12;
    public const double InPersonShare = 0.33;
    private static readonly double[] ChannelWeights = [0.6, InPersonShare, 0.07];

    private readonly int _seed = layout.Settings.Seed;

    public void Plan(DateOnly day)
    {
        var working = WorkCalendar.IsWorkingDay(day);
        var dayTag = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var h in halls)
        {
            var p = h.P;
            h.Day = day;
            h.DayTag = dayTag;
            h.Rng = Rng.For(_seed, "run", p.Code, day.DayNumber);
            Array.Clear(h.TicketNo);
            h.Waiting.Clear();
            foreach (var d in h.Desks) d.DaySeq = 0;
            foreach (var r in h.Robots) r.DaySeq = 0;
            var plan = Rng.For(_seed, "plan", p.Code, day.DayNumber);
            if (working)
            {
                PlanTickets(h, day, plan);
                PlanDesks(h, day, plan);
                PlanRobots(h, day, plan);
            }
            PlanDossiers(h, day, working, plan);
        }
        foreach (var o in ScenarioPlanner.DeskOutages(layout, day))
        {
            foreach (var desk in o.Desks)
            {
                clock.Schedule(WorkCalendar.At(day, o.From), new SimAction(ActionKind.DeskOutageStart) { Ward = o.Ward, Index = desk });
                clock.Schedule(WorkCalendar.At(day, o.To), new SimAction(ActionKind.DeskOutageEnd) { Ward = o.Ward, Index = desk });
            }
        }
        foreach (var f in ScenarioPlanner.FleetFaults(layout, day))
            clock.Schedule(WorkCalendar.At(day, f.At), new SimAction(ActionKind.RobotFleetFault) { Ward = f.Ward, Index = f.Robot, Mode = f.Mode, Minutes = f.Minutes });

        var next = day.AddDays(1);
        clock.Schedule(HanoiTime.StartOf(next), new SimAction(ActionKind.PlanDay) { Day = next });
    }

    /// <summary>An exact, seeded count for the day, placed on the arrival profile (plus a surge, if the scenario says so).</summary>
    private void PlanTickets(Hall h, DateOnly day, Rng plan)
    {
        var p = h.P;
        var count = Math.Clamp((int)Math.Round(p.TicketsPerDay * plan.Uniform(0.9, 1.1)), 82, 248);
        for (var i = 0; i < count; i++) ScheduleTicket(h, ArrivalProfile.Tickets.Sample(day, plan), plan);
        var surge = ScenarioPlanner.SurgeTickets(layout.Settings, count);
        var extra = Rng.For(_seed, "surge", p.Code, day.DayNumber);
        for (var i = 0; i < surge; i++) ScheduleTicket(h, ArrivalProfile.SurgeTickets.Sample(day, extra), extra);
    }

    private void ScheduleTicket(Hall h, DateTimeOffset at, Rng rng)
    {
        var service = Catalog.Services[rng.PickWeighted(Catalog.TicketMix)];
        clock.Schedule(at, new SimAction(ActionKind.TicketArrival) { Ward = h.P.Index, Service = service, Online = rng.Chance(OnlineTicketShare) });
    }

    /// <summary>Staffed desks: two sessions (a few clerks a little late), up to two short breaks. General desks open on demand.</summary>
    private void PlanDesks(Hall h, DateOnly day, Rng plan)
    {
        foreach (var d in h.Desks)
        {
            if (d.IsFlex)
            {
                Schedule(day, 720, ActionKind.DeskSessionEnd, h, d);
                Schedule(day, 1020, ActionKind.DeskSessionEnd, h, d);
                continue;
            }
            Schedule(day, plan.Chance(0.1) ? plan.Uniform(485, 505) : 480, ActionKind.DeskOpen, h, d);
            Schedule(day, 720, ActionKind.DeskSessionEnd, h, d);
            Schedule(day, plan.Chance(0.08) ? plan.Uniform(785, 800) : 780, ActionKind.DeskOpen, h, d);
            Schedule(day, 1020, ActionKind.DeskSessionEnd, h, d);
            if (plan.Chance(0.5))
                clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(555, 670))), new SimAction(ActionKind.DeskBreakStart) { Ward = h.P.Index, Index = d.Index, Minutes = plan.Uniform(5, 12) });
            if (plan.Chance(0.5))
                clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(840, 970))), new SimAction(ActionKind.DeskBreakStart) { Ward = h.P.Index, Index = d.Index, Minutes = plan.Uniform(5, 12) });
        }
    }

    private void Schedule(DateOnly day, double minute, ActionKind kind, Hall h, Desk d) =>
        clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(minute)), new SimAction(kind) { Ward = h.P.Index, Index = d.Index });

    private void PlanRobots(Hall h, DateOnly day, Rng plan)
    {
        var p = h.P;
        foreach (var r in h.Robots)
        {
            clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(450 + plan.Uniform(0, 10))), new SimAction(ActionKind.RobotStartDay) { Ward = p.Index, Index = r.Index });
            clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(1025 + plan.Uniform(0, 10))), new SimAction(ActionKind.RobotEndDay) { Ward = p.Index, Index = r.Index });
            var deliveries = plan.Next(3, 9);
            for (var k = 0; k < deliveries; k++)
                clock.Schedule(ArrivalProfile.Tickets.Sample(day, plan), new SimAction(ActionKind.RobotDelivery) { Ward = p.Index, Index = r.Index });
            if (plan.Chance(0.25))
                clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(510, 990))),
                    new SimAction(ActionKind.RobotFault) { Ward = p.Index, Index = r.Index, Minutes = plan.Uniform(5, 40), Issue = plan.Pick(Catalog.RobotIssues) });
            if (plan.Chance(0.015))
                clock.Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(510, 990))),
                    new SimAction(ActionKind.RobotFault) { Ward = p.Index, Index = r.Index, Minutes = plan.Uniform(2, 10), Issue = plan.Pick(Catalog.RobotEmergencies), Emergency = true });
        }
    }

    /// <summary>Every day online; on working days also in person and by post (60 % / 33 % / 7 %).</summary>
    private void PlanDossiers(Hall h, DateOnly day, bool working, Rng plan)
    {
        var p = h.P;
        var expected = working ? p.DossiersPerDay : p.DossiersPerDay * 0.6 * 0.12;
        var n = plan.Poisson(expected);
        var arrivals = new List<(DateTimeOffset At, string Channel)>(n);
        for (var i = 0; i < n; i++)
        {
            var channel = working ? DossierChannels.All[plan.PickWeighted(ChannelWeights)] : "online";
            var profile = channel switch { "online" => ArrivalProfile.OnlineDossiers, "postal" => ArrivalProfile.PostalDossiers, _ => ArrivalProfile.InPersonDossiers };
            arrivals.Add((profile.Sample(day, plan), channel));
        }
        arrivals.Sort((a, b) => a.At.CompareTo(b.At));
        var yymmdd = day.ToString("yyMMdd", CultureInfo.InvariantCulture);
        for (var i = 0; i < arrivals.Count; i++)
        {
            clock.Schedule(arrivals[i].At, new SimAction(ActionKind.DossierReceive)
            {
                Ward = p.Index,
                Channel = arrivals[i].Channel,
                DossierId = $"HS-{p.Code}-{yymmdd}-{(i + 1).ToString("D4", CultureInfo.InvariantCulture)}",
            });
        }
    }
}
