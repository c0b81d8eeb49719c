using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>
/// What a named scenario changes on a day (README "Simulator scenarios"). Every choice comes from
/// its own seeded stream, so a normal day's draws stay as they are and a seed gives the same day.
/// </summary>
internal static class ScenarioPlanner
{
    /// <summary>monday-surge: extra citizens, as a share of the day's usual count, all in the morning.</summary>
    public const double SurgeExtraShare = 0.3;

    public const int OutageWards = 8;

    /// <summary>dossier-outage: the dossier system is silent from 09:30 to 12:00 every day.</summary>
    public static readonly TimeSpan DossierSilenceFrom = TimeSpan.FromMinutes(570);

    public static readonly TimeSpan DossierSilenceTo = TimeSpan.FromHours(12);

    public static int SurgeTickets(SimulationSettings s, int usual) =>
        s.Scenario == SimulatorScenario.MondaySurge ? (int)Math.Round(usual * SurgeExtraShare) : 0;

    /// <summary>
    /// desk-outage: 8 halls lose half their staffed desks (at least 2) for 2–3 hours from about 09:00
    /// (their terminals lost the network). The desks left still cover every service, and general desks
    /// still open, so the queues grow long but every citizen is called in the end.
    /// </summary>
    public static List<DeskOutage> DeskOutages(CityLayout layout, DateOnly day)
    {
        var list = new List<DeskOutage>();
        if (layout.Settings.Scenario != SimulatorScenario.DeskOutage || !WorkCalendar.IsWorkingDay(day)) return list;
        var rng = Rng.For(layout.Settings.Seed, "scenario-desk-outage", "", day.DayNumber);
        var wards = new HashSet<int>();
        while (wards.Count < Math.Min(OutageWards, layout.Wards.Count)) wards.Add(rng.Next(0, layout.Wards.Count));
        foreach (var w in wards.Order())
        {
            var p = layout.Wards[w];
            var staffed = Enumerable.Range(0, p.CounterCount).Where(c => !p.FlexCounters[c]).ToList();
            var lose = Math.Max(2, staffed.Count / 2);
            var desks = new List<int>();
            foreach (var c in staffed.OrderBy(_ => rng.NextDouble()).ToList())
            {
                if (desks.Count == lose) break;
                var left = staffed.Where(x => x != c && !desks.Contains(x)).ToList();
                if (Catalog.Services.All(s => left.Any(x => p.CounterServices[x].Contains(s)))) desks.Add(c);
            }
            var from = TimeSpan.FromMinutes(525 + rng.Uniform(0, 45));
            list.Add(new DeskOutage(w, desks, from, from + TimeSpan.FromMinutes(rng.Uniform(120, 180))));
        }
        return list;
    }

    /// <summary>
    /// robot-fault: one vendor's fleet (the robots of 60 % of the halls that have robots, fixed for a
    /// seed) takes a bad update at about 10:00: half go to error, a fifth to emergency, the rest
    /// offline, for 60–120 minutes.
    /// </summary>
    public static List<FleetFault> FleetFaults(CityLayout layout, DateOnly day)
    {
        var list = new List<FleetFault>();
        if (layout.Settings.Scenario != SimulatorScenario.RobotFault || !WorkCalendar.IsWorkingDay(day)) return list;
        var fleet = Rng.For(layout.Settings.Seed, "scenario-robot-fleet");
        var rng = Rng.For(layout.Settings.Seed, "scenario-robot-fault", "", day.DayNumber);
        foreach (var p in layout.Wards)
        {
            if (p.RobotCount == 0 || !fleet.Chance(0.6)) continue;
            for (var r = 0; r < p.RobotCount; r++)
            {
                var mode = rng.PickWeighted([0.5, 0.2, 0.3]) switch { 0 => "error", 1 => "emergency", _ => "offline" };
                list.Add(new FleetFault(p.Index, r, mode, TimeSpan.FromMinutes(600 + rng.Uniform(0, 6)), rng.Uniform(60, 120)));
            }
        }
        return list;
    }

    /// <summary>dossier-outage: when the dossier system delivers what it sent at <paramref name="sentAt"/> (null: as usual).</summary>
    public static DateTimeOffset? DossierSystemHeldUntil(SimulatorScenario scenario, DateTimeOffset sentAt)
    {
        if (scenario != SimulatorScenario.DossierOutage) return null;
        var day = HanoiTime.DayOf(sentAt);
        var tod = WorkCalendar.TimeOfDay(sentAt);
        return tod >= DossierSilenceFrom && tod < DossierSilenceTo ? WorkCalendar.At(day, DossierSilenceTo) : null;
    }
}
