using Ioc.Telemetry;

namespace Ioc.Simulator.Model;

/// <summary>
/// The queue robots of every hall: the day at the post by the entrance, guiding citizens to the
/// waiting area, errands between desks, charging at the dock, faults. A robot sends
/// <c>robot.state</c> whenever its mode changes; an offline robot sends nothing at all.
/// </summary>
internal sealed class RobotSimulation(SimScheduler clock)
{
    /// <summary>The robot's state at the start of the model (the night: charging at the dock).</summary>
    public void Init(Hall h, Robot r, Rng init)
    {
        var (dx, dy) = HallPoints.Dock(h.P.Hall, r.Index);
        r.X0 = r.X1 = dx;
        r.Y0 = r.Y1 = dy;
        r.T0 = r.T1 = clock.Now.UtcTicks;
        r.Yaw = Math.PI / 2;
        r.Battery = Math.Round(init.Uniform(60, 100), 1);
        r.BatteryTicks = clock.Now.UtcTicks;
        r.Mode = "charging";
        r.AtDock = true;
        ScheduleCharged(h, r);
    }

    /// <summary>The next free robot at its post issues the ticket (round robin); null when none is (the kiosk does).</summary>
    public Robot? IssuingRobot(Hall h)
    {
        Robot? robot = null;
        for (var k = 0; k < h.Robots.Length && robot is null; k++)
        {
            var r = h.Robots[(h.NextRobot + k) % h.Robots.Length];
            if (r.IsAvailable(clock.Now.UtcTicks)) robot = r;
        }
        if (h.Robots.Length > 0) h.NextRobot = (h.NextRobot + 1) % h.Robots.Length;
        return robot;
    }

    /// <summary>Half the time the robot walks the citizen to the waiting area, then comes back to its post.</summary>
    public void MaybeGuide(Hall h, Robot robot)
    {
        if (!h.Rng.Chance(0.5)) return;
        var (x, y) = HallPoints.Waiting(h.P.Hall, h.Rng);
        robot.Legs.Clear();
        robot.Legs.Enqueue((HallPoints.Post(h.P.Hall, robot.Index), "idle", false));
        Move(h, robot, x, y, "guiding", toDock: false);
    }

    public void StartDay(Hall h, Robot r)
    {
        r.OnDuty = true;
        if (r.IsFaulted) return;
        r.Settle(clock.Now.UtcTicks);
        if (r.AtDock && r.Battery < 40)
        {
            SetMode(h, r, "charging", null);
            ScheduleCharged(h, r);
            return;
        }
        GoToPost(h, r);
    }

    public void EndDay(Hall h, Robot r)
    {
        r.OnDuty = false;
        if (r.IsFaulted) return; // goes home when the fault clears
        if (r.AtDock)
        {
            if (r.Mode == "charging") ScheduleCharged(h, r); // now to 100 %
            return;
        }
        GoToDock(h, r);
    }

    public void Arrive(Hall h, Robot r, int version)
    {
        if (r.Version != version) return;
        r.Settle(clock.Now.UtcTicks);
        if (r.Legs.Count > 0)
        {
            var ((x, y), mode, toDock) = r.Legs.Dequeue();
            Move(h, r, x, y, mode, toDock);
            return;
        }
        if (r.HeadingToDock)
        {
            r.AtDock = true;
            r.HeadingToDock = false;
            if (r.Battery >= 99.95) SetMode(h, r, "docked", null);
            else
            {
                SetMode(h, r, "charging", null);
                ScheduleCharged(h, r);
            }
            return;
        }
        SetMode(h, r, "idle", null);
        if (!r.OnDuty || r.Battery < 25) GoToDock(h, r);
    }

    public void Charged(Hall h, Robot r, int version)
    {
        if (r.Version != version || r.Mode != "charging") return;
        r.Settle(clock.Now.UtcTicks);
        if (r.OnDuty) { GoToPost(h, r); return; }
        r.Battery = 100;
        SetMode(h, r, "docked", null);
    }

    /// <summary>An ordinary fault on a normal day: the robot stops where it is until it clears.</summary>
    public void Fault(Hall h, Robot r, double minutes, string issue, bool emergency)
    {
        if (!r.OnDuty || r.AtDock || r.IsFaulted) return;
        Stop(r);
        SetMode(h, r, emergency ? "emergency" : "error", issue);
        clock.Schedule(clock.Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.RobotFaultClear) { Ward = h.P.Index, Index = r.Index, Version = r.Version });
    }

    public void FaultClear(Hall h, Robot r, int version)
    {
        if (r.Version != version || r.Offline || r.Mode is not ("error" or "emergency")) return;
        SetMode(h, r, "idle", null);
        BackToWork(h, r);
    }

    /// <summary>Scenario robot-fault: the fleet's bad update stops the robot wherever it is (also at the dock).</summary>
    public void FleetFault(Hall h, Robot r, string mode, double minutes)
    {
        if (r.Offline) return;
        Stop(r);
        r.AtDock = false;
        if (mode == "offline")
        {
            r.Settle(clock.Now.UtcTicks);
            r.Offline = true;
            r.Mode = "idle";
            r.Issue = null;
        }
        else SetMode(h, r, mode, mode == "emergency" ? Catalog.FleetEmergencyIssue : Catalog.FleetFaultIssue);
        clock.Schedule(clock.Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.RobotFleetRecover) { Ward = h.P.Index, Index = r.Index, Version = r.Version });
    }

    public void FleetRecover(Hall h, Robot r, int version)
    {
        if (r.Version != version) return;
        if (r.Offline)
        {
            // Back online: its first message tells where it is and what it does.
            r.Offline = false;
            clock.Emit(State(h, r, $"{r.DeviceId}-{h.DayTag}-{++r.DaySeq}"));
        }
        else SetMode(h, r, "idle", null);
        BackToWork(h, r);
    }

    private void BackToWork(Hall h, Robot r)
    {
        if (r.OnDuty && r.Battery >= 25) GoToPost(h, r);
        else GoToDock(h, r);
    }

    /// <summary>An errand: carry papers from one desk to another, then back to the post.</summary>
    public void Delivery(Hall h, Robot r)
    {
        if (!r.IsAvailable(clock.Now.UtcTicks) || r.AtDock || r.Battery < 30) return;
        var desks = h.P.Hall.Desks;
        var a = HallPoints.InFrontOf(desks[h.Rng.Next(0, desks.Length)]);
        var b = HallPoints.InFrontOf(desks[h.Rng.Next(0, desks.Length)]);
        r.Legs.Clear();
        r.Legs.Enqueue((b, "delivering", false));
        r.Legs.Enqueue((HallPoints.Post(h.P.Hall, r.Index), "idle", false));
        Move(h, r, a.X, a.Y, "delivering", toDock: false);
    }

    private void GoToPost(Hall h, Robot r)
    {
        r.Legs.Clear();
        var (x, y) = HallPoints.Post(h.P.Hall, r.Index);
        Move(h, r, x, y, "idle", toDock: false);
    }

    private void GoToDock(Hall h, Robot r)
    {
        r.Legs.Clear();
        var (x, y) = HallPoints.Dock(h.P.Hall, r.Index);
        Move(h, r, x, y, "idle", toDock: true);
    }

    private void Move(Hall h, Robot r, double x, double y, string mode, bool toDock)
    {
        var now = clock.Now.UtcTicks;
        r.Settle(now);
        var (px, py) = r.PositionAt(now);
        var dx = x - px;
        var dy = y - py;
        var dist = Math.Sqrt(dx * dx + dy * dy);
        r.X0 = px; r.Y0 = py; r.X1 = x; r.Y1 = y;
        r.T0 = now;
        r.T1 = now + TimeSpan.FromSeconds(Math.Max(2, dist / Robot.SpeedMetresPerSecond)).Ticks;
        if (dist > 0.01) r.Yaw = Math.Atan2(dy, dx);
        r.AtDock = false;
        r.HeadingToDock = toDock;
        r.Version++;
        clock.Schedule(new DateTimeOffset(r.T1, TimeSpan.Zero), new SimAction(ActionKind.RobotArrive) { Ward = h.P.Index, Index = r.Index, Version = r.Version });
        SetMode(h, r, mode, null);
    }

    private void Stop(Robot r)
    {
        var now = clock.Now.UtcTicks;
        r.Settle(now);
        var (px, py) = r.PositionAt(now);
        r.X0 = r.X1 = px;
        r.Y0 = r.Y1 = py;
        r.T0 = r.T1 = now;
        r.Legs.Clear();
        r.HeadingToDock = false;
        r.Version++;
    }

    private void ScheduleCharged(Hall h, Robot r)
    {
        r.Version++;
        var target = r.OnDuty ? 90 : 100;
        var minutes = Math.Max(0.5, (target - r.Battery) / Robot.ChargePerMin);
        clock.Schedule(clock.Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.RobotCharged) { Ward = h.P.Index, Index = r.Index, Version = r.Version });
    }

    private void SetMode(Hall h, Robot r, string mode, string? issue)
    {
        r.Settle(clock.Now.UtcTicks);
        if (r.Mode == mode && r.Issue == issue) return;
        r.Mode = mode;
        r.Issue = issue;
        if (!r.Offline) clock.Emit(State(h, r, $"{r.DeviceId}-{h.DayTag}-{++r.DaySeq}"));
    }

    public SimEvent State(Hall h, Robot r, string id)
    {
        var now = clock.Now.UtcTicks;
        var (x, y) = r.PositionAt(now);
        return new SimEvent
        {
            Type = EventTypes.RobotState,
            Id = id,
            DeviceId = r.DeviceId,
            Ward = h.P.Code,
            Ts = clock.Now,
            Pose = new RobotPose(Math.Round(x, 2), Math.Round(y, 2), Math.Clamp(Math.Round(r.Yaw, 3), -3.141, 3.141)),
            Battery = Math.Round(r.BatteryAt(now), 1),
            Mode = r.Mode,
            Issue = r.Issue,
        };
    }
}
