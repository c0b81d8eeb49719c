using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Devices;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Silo.Grains;

/// <summary>
/// A queue robot: latest pose and health by <c>ts</c>, a short trail, and liveness. Its state is
/// a gauge that the robot re-sends, so it is stored now and then, not per message.
/// </summary>
public sealed class RobotGrain(
    [PersistentState("robot", "ioc")] IPersistentState<RobotState> store,
    IocClock clock,
    DeviceLiveness liveness) : DeviceGrainBase<RobotState>(store, clock, liveness), IRobotGrain
{
    protected override string? Ward => State.Ward;
    protected override ReplayWindow Recent => State.Recent;

    public Task<ApplyResult> ApplyStates(ImmutableArray<RobotStateReport> states)
    {
        var (accepted, duplicates) = (0, 0);
        foreach (var s in states)
        {
            if (!Remember(s.EventId)) { duplicates++; continue; }
            accepted++;
            State.Ward ??= s.Ward;
            // Latest by ts wins; an older message is accepted and ignored.
            if (State.LastTs is { } last && s.Ts <= last) continue;
            State.LastTs = s.Ts;
            State.Pose = s.Pose;
            State.Battery = s.Battery;
            // The shared constant, not a copy of the message's text per robot.
            State.Mode = Words.Shared(RobotModes.All, s.Mode);
            State.Issue = s.Issue;
            State.Trail.Add(s.Pose.X, s.Pose.Y, s.Ts);
        }
        return Heard(accepted, duplicates);
    }

    public Task<RobotView> GetView() => Task.FromResult(View(withTrail: true));

    private RobotView View(bool withTrail) => new(
        this.GetPrimaryKeyString(), State.Ward ?? "", State.Pose, State.Battery, State.Mode, State.Issue,
        State.LastTs is { } t ? HanoiTime.ToLocal(t) : null, Online, withTrail ? State.Trail.Points() : []);

    protected override DateTimeOffset? LastHeardReal { get => State.LastHeardReal; set => State.LastHeardReal = value; }

    /// <summary>What the ward needs to know about: liveness, mode, issue, each 5% of battery, and each move (a watched ward shows where its robots are).</summary>
    protected override long ReportKey() =>
        HashCode.Combine(Online, State.Mode, State.Issue, State.Battery is { } b ? (int)(b / 5) : -1, State.Pose);

    // The ward keeps robots without their trail; the hall plan reads the trail from the robot.
    protected override Task Report(IWardGrain ward) => ward.ReportRobot(View(withTrail: false));
}
