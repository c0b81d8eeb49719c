using System.Globalization;
using Ioc.Halls;
using Ioc.Wards;

namespace Ioc.Simulator.Model;

/// <summary>A unit's seeded, fixed character: its hall, devices, staff and how busy it is.</summary>
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

    /// <summary>Per desk: true for a general desk staffed only when citizens have waited long (see <see cref="FlexOpenAfterMinutes"/>).</summary>
    public required IReadOnlyList<bool> FlexCounters { get; init; }

    /// <summary>Per desk: the clerk's pace, a factor on service times (&gt;1 = slower).</summary>
    public required IReadOnlyList<double> DeskSpeeds { get; init; }

    public required int RobotCount { get; init; }
    public required int TicketsPerDay { get; init; }
    public required double DossiersPerDay { get; init; }
    public required double LateProbability { get; init; }
    public required double RatingShare { get; init; }

    /// <summary>Share of in-person and postal dossiers whose papers are digitised on receipt.</summary>
    public required double DigitizedShare { get; init; }

    /// <summary>The nearest units (by centroid): where a citizen of this ward may file instead.</summary>
    public required IReadOnlyList<string> Neighbours { get; init; }

    /// <summary>Staffed for a busier hall than it is on a normal day's peak: some waits of 30–45 min.</summary>
    public required bool UnderPressure { get; init; }

    /// <summary>A waiting citizen this long makes the ward open a general desk, if one is free.</summary>
    public required double FlexOpenAfterMinutes { get; init; }

    public required HallPlan Hall { get; init; }

    public string CounterId(int n) => $"sim-{Code}-c{n}";
    public string KioskId => $"sim-{Code}-k1";
    public string RobotId(int n) => $"sim-{Code}-r{n}";
    public static string CounterLabel(int n) => n.ToString(CultureInfo.InvariantCulture);
}
