using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class RobotState
{
    [Id(0)] public string? Ward { get; set; }
    [Id(1)] public DateTimeOffset? LastTs { get; set; }
    [Id(2)] public Pose? Pose { get; set; }
    [Id(3)] public double? Battery { get; set; }
    [Id(4)] public string? Mode { get; set; }
    [Id(5)] public string? Issue { get; set; }
    [Id(6)] public List<TrailPoint> Trail { get; set; } = [];
    [Id(7)] public DateTimeOffset? LastHeardReal { get; set; }
}

/// <summary>
/// A queue robot: latest pose and health by <c>ts</c>, a short trail, and liveness. Its state is
/// a gauge that the robot re-sends, so it is stored on a short timer, not per message.
/// </summary>
public sealed class RobotGrain(
    [PersistentState("robot", "ioc")] IPersistentState<RobotState> store,
    IocClock clock,
    IOptions<WardRulesOptions> rules) : DeviceGrainBase<RobotState>(store, clock, rules), IRobotGrain, IDeviceTick
{
    private const int TrailLength = 30;
    private const double TrailStepMetres = 0.5;

    protected override string? Ward => State.Ward;

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
            State.Mode = s.Mode;
            State.Issue = s.Issue;
            var tail = State.Trail.Count > 0 ? State.Trail[^1] : null;
            if (tail is null || Math.Abs(tail.X - s.Pose.X) + Math.Abs(tail.Y - s.Pose.Y) >= TrailStepMetres)
            {
                State.Trail.Add(new TrailPoint(s.Pose.X, s.Pose.Y, s.Ts));
                if (State.Trail.Count > TrailLength) State.Trail.RemoveAt(0);
            }
        }
        return Heard(accepted, duplicates);
    }

    public Task<RobotView> GetView() => Task.FromResult(View());

    private RobotView View() => new(
        this.GetPrimaryKeyString(), State.Ward ?? "", State.Pose, State.Battery, State.Mode, State.Issue,
        State.LastTs is { } t ? HanoiTime.ToLocal(t) : null, Online, [.. State.Trail]);

    protected override DateTimeOffset? LastHeardReal { get => State.LastHeardReal; set => State.LastHeardReal = value; }

    /// <summary>What the ward needs to know about: liveness, mode and each 5% of battery.</summary>
    protected override object ReportKey() => (Online, State.Mode, State.Issue, State.Battery is { } b ? (int)(b / 5) : -1);

    protected override Task Report(IWardGrain ward) => ward.ReportRobot(View());
}
