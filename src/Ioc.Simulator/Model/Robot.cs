namespace Ioc.Simulator.Model;

/// <summary>A queue robot during the simulation: a straight-line move, battery, mode, planned legs.</summary>
internal sealed class Robot(int index, string deviceId)
{
    public const double SpeedMetresPerSecond = 0.7;
    public const double DrainMovingPerMin = 0.35;
    public const double DrainIdlePerMin = 0.04;
    public const double ChargePerMin = 1.6;

    public int Index { get; } = index;
    public string DeviceId { get; } = deviceId;
    public string Mode { get; set; } = "docked";
    public string? Issue { get; set; }

    /// <summary>Silent (scenario robot-fault): sends nothing, not even heartbeats, until it comes back.</summary>
    public bool Offline { get; set; }

    public double Battery { get; set; } = 100;
    public long BatteryTicks { get; set; }
    public double X0 { get; set; }
    public double Y0 { get; set; }
    public double X1 { get; set; }
    public double Y1 { get; set; }
    public long T0 { get; set; }
    public long T1 { get; set; }
    public double Yaw { get; set; }
    public bool OnDuty { get; set; }
    public bool AtDock { get; set; }
    public bool HeadingToDock { get; set; }
    public int Version { get; set; }
    public int DaySeq { get; set; }
    public Queue<((double X, double Y) Target, string Mode, bool ToDock)> Legs { get; } = new();

    public bool IsFaulted => Offline || Mode is "error" or "emergency";

    /// <summary>At its post, on duty, free: may issue a ticket or run an errand.</summary>
    public bool IsAvailable(long t) => OnDuty && !Offline && Mode == "idle" && !IsMoving(t);

    public bool IsMoving(long t) => t >= T0 && t < T1;

    public (double X, double Y) PositionAt(long t)
    {
        if (t >= T1 || T1 <= T0) return (X1, Y1);
        if (t <= T0) return (X0, Y0);
        var f = (double)(t - T0) / (T1 - T0);
        return (X0 + (X1 - X0) * f, Y0 + (Y1 - Y0) * f);
    }

    public double BatteryAt(long t)
    {
        if (t <= BatteryTicks) return Battery;
        var total = TimeSpan.FromTicks(t - BatteryTicks).TotalMinutes;
        var movingFrom = Math.Max(BatteryTicks, T0);
        var movingTo = Math.Min(t, T1);
        var moving = movingTo > movingFrom ? TimeSpan.FromTicks(movingTo - movingFrom).TotalMinutes : 0;
        var still = total - moving;
        var stillRate = Mode switch { "charging" => ChargePerMin, "docked" => 0, _ => -DrainIdlePerMin };
        return Math.Clamp(Battery - DrainMovingPerMin * moving + stillRate * still, 0, 100);
    }

    public void Settle(long t)
    {
        if (t <= BatteryTicks) return;
        Battery = BatteryAt(t);
        BatteryTicks = t;
    }
}
