namespace Ioc.Simulator.Model;

/// <summary>
/// How a ward staffs its hall, as a chief plans from last month's numbers. Staffed desks are fewer
/// than the usual peak needs (busy desks at the peak ÷ staffed desks = 1.4–1.6), so queues build at the
/// opening and the peaks; general desks, opened when a citizen has waited 30 min, bring the hall to
/// 1.15 × the peak. A hall under pressure has more staffed desks (1.3–1.45) but general desks only up to
/// the peak, opened at 40 min: its waits reach 40–60 min on a normal day. Desks go to the lines of work
/// by load (highest average first); a line with more than 0.6 of a desk's work per desk serving it, or
/// none, gets help from the least loaded other desk, which then serves both first come, first served.
/// </summary>
internal static class HallStaffing
{
    public const int MinDesks = 4;
    public const int MaxDesks = 12;

    /// <summary>Desks busy at the usual peak ÷ staffed desks, chosen per hall in this range.</summary>
    private static readonly (double Min, double Max) PeakLoad = (1.4, 1.6);

    private static readonly (double Min, double Max) PeakLoadUnderPressure = (1.3, 1.45);

    /// <summary>Staffed plus general desks cover the peak ×1.15 (×1.0 in a hall under pressure).</summary>
    private const double FlexCover = 1.15;

    private const double FlexCoverUnderPressure = 1.0;

    /// <summary>A line with more work per desk than this at the peak gets help from another desk.</summary>
    private const double HelpAbove = 0.6;

    /// <summary>A citizen waiting this long makes the ward open a general desk (<see cref="WardProfile.FlexOpenAfterMinutes"/>).</summary>
    public const double FlexAfter = 30;

    public const double FlexAfterUnderPressure = 40;

    public static HallStaff Plan(int ticketsPerDay, bool underPressure, Rng rng)
    {
        var groups = Catalog.CounterGroups;
        var peak = ArrivalProfile.Tickets.PeakRatePerMinute(ticketsPerDay);
        // Desks busy at the peak, per line: arrivals per minute × share × mean minutes at the desk.
        var busy = groups.Select(g => peak * g.Sum(s => Catalog.TicketMix[Catalog.IndexOf(s)] * Catalog.MeanServiceMinutes(s))).ToArray();
        var (lo, hi) = underPressure ? PeakLoadUnderPressure : PeakLoad;
        var staffed = Math.Clamp((int)Math.Round(busy.Sum() / rng.Uniform(lo, hi)), MinDesks - 1, MaxDesks - 1);

        // Highest average first (D'Hondt): each desk goes to the line with the most load per desk it would have.
        var perLine = new int[groups.Count];
        var line = new int[staffed];
        for (var d = 0; d < staffed; d++)
        {
            var g = 0;
            for (var k = 1; k < groups.Count; k++)
                if (busy[k] / (perLine[k] + 1) > busy[g] / (perLine[g] + 1)) g = k;
            perLine[g]++;
            line[d] = g;
        }
        // A line with more than HelpAbove of a desk's work per desk serving it (or none) gets help: the
        // least loaded desk that does not serve it yet takes its services on too (first come, first served).
        var serves = new bool[staffed, groups.Count];
        for (var d = 0; d < staffed; d++) serves[d, line[d]] = true;
        while (true)
        {
            double DeskLoad(int d) => Enumerable.Range(0, groups.Count).Where(g => serves[d, g]).Sum(g => busy[g] / Count(g));
            int Count(int g) => Enumerable.Range(0, staffed).Count(d => serves[d, g]);
            var needy = Enumerable.Range(0, groups.Count)
                .Where(g => Count(g) < staffed && (Count(g) == 0 || busy[g] / Count(g) > HelpAbove))
                .OrderByDescending(g => Count(g) == 0 ? double.MaxValue : busy[g] / Count(g)).ToList();
            if (needy.Count == 0) break;
            var help = Enumerable.Range(0, staffed).Where(d => !serves[d, needy[0]]).OrderBy(DeskLoad).ThenBy(d => d).First();
            serves[help, needy[0]] = true;
        }
        var lists = Enumerable.Range(0, staffed)
            .Select(d => Enumerable.Range(0, groups.Count).Where(g => serves[d, g]).SelectMany(g => groups[g]).ToList()).ToArray();

        var flex = Math.Max(1, (int)Math.Ceiling(busy.Sum() * (underPressure ? FlexCoverUnderPressure : FlexCover)) - staffed);
        var counters = Math.Clamp(staffed + flex, MinDesks, MaxDesks);
        var services = new string[counters][];
        var isFlex = new bool[counters];
        var speeds = new double[counters];
        for (var d = 0; d < counters; d++)
        {
            isFlex[d] = d >= staffed;
            services[d] = isFlex[d] ? [.. Catalog.Services] : [.. Catalog.Services.Where(lists[d].Contains)];
            speeds[d] = Math.Clamp(rng.LogNormal(1.0, 0.12), 0.8, 1.3);
        }
        return new HallStaff(services, isFlex, speeds);
    }
}
