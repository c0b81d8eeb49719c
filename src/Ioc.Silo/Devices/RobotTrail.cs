using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Time;

namespace Ioc.Silo.Devices;

/// <summary>
/// Where a robot has been lately: a point each time it has moved half a metre, the last
/// <see cref="Capacity"/> of them in a ring of values (the hall plan draws the last eight).
/// </summary>
[GenerateSerializer]
public sealed class RobotTrail
{
    public const int Capacity = 16;
    public const double StepMetres = 0.5;

    [Id(0)] public TrailStep[] Steps { get; set; } = [];
    [Id(1)] public int Next { get; set; }
    [Id(2)] public int Count { get; set; }

    public void Add(double x, double y, DateTimeOffset at)
    {
        if (Count > 0)
        {
            var last = Steps[(Next + Capacity - 1) % Capacity];
            if (Math.Abs(last.X - x) + Math.Abs(last.Y - y) < StepMetres) return;
        }
        if (Steps.Length < Capacity) Steps = [.. Steps, .. new TrailStep[Capacity - Steps.Length]];
        Steps[Next] = new TrailStep(x, y, at.ToUnixTimeMilliseconds());
        Next = (Next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Oldest first, times in Hanoi.</summary>
    public ImmutableArray<TrailPoint> Points()
    {
        var points = ImmutableArray.CreateBuilder<TrailPoint>(Count);
        for (var i = 0; i < Count; i++)
        {
            var s = Steps[(Next - Count + i + Capacity) % Capacity];
            points.Add(new TrailPoint(s.X, s.Y, HanoiTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(s.AtUnixMs))));
        }
        return points.MoveToImmutable();
    }
}
