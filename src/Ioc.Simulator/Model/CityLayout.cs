using System.Globalization;
using Ioc.Halls;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Simulator.Model;

/// <summary>The parameters of the pure day model.</summary>
public sealed record SimulationSettings
{
    public int Seed { get; init; } = 20250701;

    /// <summary>Share of the units (0..1) that have 1–3 queue robots.</summary>
    public double RobotWardShare { get; init; } = 0.35;

    /// <summary>Dossiers received city-wide on a working day.</summary>
    public int DossiersPerDay { get; init; } = 6250;

    public static SimulationSettings From(SimulatorOptions o) => new()
    {
        Seed = o.Seed,
        RobotWardShare = Math.Clamp(o.RobotWardShare, 0, 1),
        DossiersPerDay = Math.Max(0, o.DossiersPerDay),
    };
}

/// <summary>A device the simulator drives; provisioned on the center with this id and kind.</summary>
public sealed record DeviceSpec(string DeviceId, string Kind, string? Ward, IReadOnlyList<string>? Wards = null)
{
    public bool CanWrite(string ward) => Ward is not null ? Ward == ward : Wards?.Contains(ward) == true;
}

/// <summary>A unit's seeded, fixed character: its hall, devices and how busy it is.</summary>
public sealed record WardProfile
{
    public required int Index { get; init; }
    public required WardInfo Info { get; init; }
    public string Code => Info.Code;
    public bool IsUrban => Info.Type == "ward";

    /// <summary>Counter labels "1".."n", as in <see cref="HallPlan.Standard"/>.</summary>
    public required int CounterCount { get; init; }

    /// <summary>Service codes handled by each counter (index 0 = desk "1").</summary>
    public required IReadOnlyList<string[]> CounterServices { get; init; }

    /// <summary>Per desk: true when it is staffed only at the peaks (and not every day).</summary>
    public required IReadOnlyList<bool> FlexCounters { get; init; }

    public required int RobotCount { get; init; }
    public required int TicketsPerDay { get; init; }
    public required double DossiersPerDay { get; init; }
    public required double LateProbability { get; init; }
    public required double RatingShare { get; init; }

    /// <summary>Desk speed factor (&gt;1 = slower) applied to service times.</summary>
    public required double ServiceFactor { get; init; }

    public required HallPlan Hall { get; init; }

    public string CounterId(int n) => $"sim-{Code}-c{n}";
    public string KioskId => $"sim-{Code}-k1";
    public string RobotId(int n) => $"sim-{Code}-r{n}";
    public static string CounterLabel(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The seeded city: 126 ward profiles and ~1,100–1,300 devices. Pure function of the settings.</summary>
public sealed class CityLayout
{
    public const string DossierSystemId = "sim-dossier-system";

    public SimulationSettings Settings { get; }
    public IReadOnlyList<WardProfile> Wards { get; }
    public IReadOnlyList<DeviceSpec> Devices { get; }
    public IReadOnlyDictionary<string, WardProfile> ByCode { get; }
    public IReadOnlyDictionary<string, DeviceSpec> DeviceById { get; }

    private CityLayout(SimulationSettings settings, IReadOnlyList<WardProfile> wards)
    {
        Settings = settings;
        Wards = wards;
        ByCode = wards.ToDictionary(w => w.Code, StringComparer.Ordinal);
        var devices = new List<DeviceSpec>();
        foreach (var w in wards)
        {
            for (var c = 1; c <= w.CounterCount; c++) devices.Add(new DeviceSpec(w.CounterId(c), DeviceKinds.Counter, w.Code));
            devices.Add(new DeviceSpec(w.KioskId, DeviceKinds.Kiosk, w.Code));
            for (var r = 1; r <= w.RobotCount; r++) devices.Add(new DeviceSpec(w.RobotId(r), DeviceKinds.Robot, w.Code));
        }
        devices.Add(new DeviceSpec(DossierSystemId, DeviceKinds.DossierSystem, null, wards.Select(w => w.Code).ToArray()));
        Devices = devices;
        DeviceById = devices.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
    }

    public static CityLayout Build(SimulationSettings settings, IReadOnlyList<WardInfo>? units = null)
    {
        units ??= WardDirectory.Hanoi.All;
        var ordered = units.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray();
        var n = ordered.Length;
        var seed = settings.Seed;

        // Busyness: a seeded lognormal per unit, urban wards busier.
        var weight = new double[n];
        var dossierWeight = new double[n];
        for (var i = 0; i < n; i++)
        {
            var rng = Rng.For(seed, "ward-weight", ordered[i].Code);
            var mu = ordered[i].Type == "ward" ? 0.25 : -0.15;
            weight[i] = Math.Exp(mu + 0.35 * rng.Normal());
            dossierWeight[i] = weight[i] * rng.Uniform(0.75, 1.25);
        }
        var sortedWeights = weight.OrderBy(x => x).ToArray();
        var median = sortedWeights[n / 2];
        var dossierTotal = dossierWeight.Sum();

        // Robots: exactly round(share × n) units, seeded, urban wards twice as likely.
        var robotUnits = new HashSet<int>();
        var robotTarget = (int)Math.Round(Math.Clamp(settings.RobotWardShare, 0, 1) * n);
        var robotRng = Rng.For(seed, "robots");
        var candidates = Enumerable.Range(0, n).ToList();
        while (robotUnits.Count < robotTarget && candidates.Count > 0)
        {
            var pick = robotRng.PickWeighted(candidates.Select(i => ordered[i].Type == "ward" ? 2.0 : 1.0).ToArray());
            robotUnits.Add(candidates[pick]);
            candidates.RemoveAt(pick);
        }

        // A few units (seeded) resolve dossiers late much more often than the rest.
        var lateRng = Rng.For(seed, "late-wards");
        var lateUnits = new HashSet<int>();
        var lateCount = Math.Min(n, 3);
        while (lateUnits.Count < lateCount) lateUnits.Add(lateRng.Next(0, n));

        var wards = new WardProfile[n];
        for (var i = 0; i < n; i++)
        {
            var info = ordered[i];
            var rng = Rng.For(seed, "ward", info.Code);
            var tickets = (int)Math.Clamp(Math.Round(135 * weight[i] / median), 90, 235);
            // Desks in the hall, and how many of them are staffed all day; the others ("flex") open
            // only for the peaks, on some days.
            var counters = Math.Clamp((int)Math.Round(tickets / 22.0) + rng.Next(-1, 3), 4, 12);
            var staffed = Math.Clamp((int)Math.Round(tickets / 38.0 - 0.5) + rng.Next(-1, 2), 4, counters);
            var (services, flex) = AssignServices(counters, staffed, rng);
            var robots = robotUnits.Contains(i) ? 1 + rng.PickWeighted([0.5, 0.35, 0.15]) : 0;
            wards[i] = new WardProfile
            {
                Index = i,
                Info = info,
                CounterCount = counters,
                CounterServices = services,
                FlexCounters = flex,
                RobotCount = robots,
                TicketsPerDay = tickets,
                DossiersPerDay = dossierTotal > 0 ? settings.DossiersPerDay * dossierWeight[i] / dossierTotal : 0,
                LateProbability = lateUnits.Contains(i) ? rng.Uniform(0.03, 0.05) : 0.0011,
                RatingShare = rng.Uniform(0.4, 0.7),
                ServiceFactor = rng.Uniform(0.9, 1.15),
                Hall = HallPlan.Standard(counters),
            };
        }
        return new CityLayout(settings, wards);
    }

    /// <summary>
    /// Spreads the counter groups over the desks by workload (each group gets at least one desk),
    /// then lets some desks also take a second group's main service as a backup.
    /// </summary>
    private static (string[][] Services, bool[] Flex) AssignServices(int counters, int staffed, Rng rng)
    {
        var groups = Catalog.CounterGroups;
        // Workload per group = ticket share × mean service minutes.
        var load = groups.Select(g => g.Sum(s =>
        {
            var i = Catalog.Services.ToList().IndexOf(s);
            var (min, max) = Catalog.ServiceMinutes(s);
            return Catalog.TicketMix[i] * (min + max) / 2;
        })).ToArray();
        var assigned = new int[groups.Count];
        var desks = new List<(int Group, bool Flex, int Order)>();
        for (var c = 0; c < counters; c++)
        {
            int g;
            if (c < groups.Count) g = c;
            else
            {
                g = 0;
                for (var k = 1; k < groups.Count; k++)
                    if (load[k] / (assigned[k] + 1) > load[g] / (assigned[g] + 1)) g = k;
            }
            assigned[g]++;
            desks.Add((g, c >= staffed, c));
        }
        // Desks of one group sit side by side; the general (flex) desks come last.
        desks.Sort((a, b) => a.Flex != b.Flex ? a.Flex.CompareTo(b.Flex) : a.Group != b.Group ? a.Group.CompareTo(b.Group) : a.Order.CompareTo(b.Order));
        var result = new string[counters][];
        for (var c = 0; c < counters; c++)
        {
            if (desks[c].Flex)
            {
                result[c] = [.. Catalog.Services]; // a general desk, opened when queues get long
                continue;
            }
            var services = new List<string>(groups[desks[c].Group]);
            if (rng.Chance(0.3))
            {
                var other = groups[rng.Next(0, groups.Count)][0];
                if (!services.Contains(other)) services.Add(other);
            }
            result[c] = [.. Catalog.Services.Where(services.Contains)];
        }
        return (result, desks.Select(d => d.Flex).ToArray());
    }
}
