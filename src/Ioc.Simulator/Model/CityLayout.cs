using Ioc.Halls;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Simulator.Model;

/// <summary>The seeded city: 126 ward profiles and about 800 devices (desks, kiosks, robots, the dossier system). Pure function of the settings.</summary>
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

    /// <param name="units">The region's units (Hanoi's when not given).</param>
    public static CityLayout Build(SimulationSettings settings, IReadOnlyList<WardInfo>? units = null)
    {
        units ??= WardDirectory.Load(WardDirectory.HanoiRegion).All;
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
        // The city's published figures: Hồng Hà received 6,323 dossiers in three months (about 1.9 times
        // the average unit), Thường Tín 4,684 (about 1.4 times), none of them late.
        var meanDossierWeight = dossierWeight.Average();
        for (var i = 0; i < n; i++)
        {
            if (ordered[i].Code == HongHa) dossierWeight[i] = 1.9 * meanDossierWeight;
            if (ordered[i].Code == ThuongTin) dossierWeight[i] = 1.4 * meanDossierWeight;
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

        // A few units (seeded) resolve dossiers late much more often than the rest, and a few halls are
        // staffed short for their peaks.
        var lateUnits = PickUnits(Rng.For(seed, "late-wards"), n, 3);
        var pressureUnits = PickUnits(Rng.For(seed, "pressure-wards"), n, Math.Max(1, (int)Math.Round(n * 0.05)));

        var wards = new WardProfile[n];
        for (var i = 0; i < n; i++)
        {
            var info = ordered[i];
            var rng = Rng.For(seed, "ward", info.Code);
            var tickets = (int)Math.Clamp(Math.Round(135 * weight[i] / median), 90, 235);
            var pressure = pressureUnits.Contains(i);
            var staff = HallStaffing.Plan(tickets, pressure, rng);
            var robots = robotUnits.Contains(i) ? 1 + rng.PickWeighted([0.5, 0.35, 0.15]) : 0;
            // City late rate 0.15 %: most units between none and 0.4 %, the few late units 2–3 %.
            var late = lateUnits.Contains(i) ? rng.Uniform(0.02, 0.03) : rng.Chance(0.3) ? 0 : rng.Uniform(0, 0.004);
            wards[i] = new WardProfile
            {
                Index = i,
                Info = info,
                CounterCount = staff.Services.Length,
                CounterServices = staff.Services,
                FlexCounters = staff.Flex,
                DeskSpeeds = staff.Speeds,
                RobotCount = robots,
                TicketsPerDay = tickets,
                DossiersPerDay = dossierTotal > 0 ? settings.DossiersPerDay * dossierWeight[i] / dossierTotal : 0,
                LateProbability = info.Code == ThuongTin ? 0 : late,
                RatingShare = rng.Uniform(0.4, 0.7),
                DigitizedShare = rng.Uniform(0.85, 0.95),
                Neighbours = Nearest(ordered, i, 4),
                UnderPressure = pressure,
                FlexOpenAfterMinutes = pressure ? HallStaffing.FlexAfterUnderPressure : HallStaffing.FlexAfter,
                Hall = HallPlan.Standard(staff.Services.Length),
            };
        }
        return new CityLayout(settings, wards);
    }

    /// <summary>Phường Hồng Hà and Xã Thường Tín, the two units whose figures the city published.</summary>
    public const string HongHa = "00097";

    public const string ThuongTin = "10183";

    private static HashSet<int> PickUnits(Rng rng, int n, int count)
    {
        var picked = new HashSet<int>();
        while (picked.Count < Math.Min(n, count)) picked.Add(rng.Next(0, n));
        return picked;
    }

    private static string[] Nearest(WardInfo[] units, int i, int count)
    {
        var me = units[i];
        // Units without geography (outside Hanoi): the neighbours in the list, whose codes run by
        // district, within the same province.
        if (me.CentroidLat is not { } lat || me.CentroidLon is not { } lon)
            return units.Select((u, j) => (u, j)).Where(x => x.j != i && x.u.ProvinceCode == me.ProvinceCode)
                .OrderBy(x => Math.Abs(x.j - i)).ThenBy(x => x.j).Take(count).Select(x => x.u.Code).ToArray();
        var cos = Math.Cos(lat * Math.PI / 180);
        return units.Where((u, j) => j != i && u.CentroidLat is not null && u.CentroidLon is not null)
            .OrderBy(u => Math.Pow((u.CentroidLon!.Value - lon) * cos, 2) + Math.Pow(u.CentroidLat!.Value - lat, 2))
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .Take(count).Select(u => u.Code).ToArray();
    }
}
