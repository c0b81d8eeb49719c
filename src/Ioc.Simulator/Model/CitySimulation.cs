using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>
/// The pure day model: a discrete-event simulation of every ward's hall (tickets, desks, robots)
/// and of the city's dossiers, driven only by the business time it is advanced to. No timers, no
/// I/O: <see cref="Advance"/> runs the planned steps up to the given instant and returns the events
/// that happened, in ts order. <see cref="SimulatedDay"/> runs a whole day at full speed.
/// </summary>
/// <remarks>
/// A day is always simulated from its midnight, whatever the start instant: the first
/// <see cref="Advance"/> call replays the part of today before the start (same seed → same events,
/// same ids), so a restarted simulator re-sends today's events as duplicates instead of
/// inventing a different day. Business event ids are deterministic; heartbeat snapshots carry
/// the run id instead.
/// </remarks>
public sealed class CitySimulation
{
    private readonly SimScheduler _clock;
    private readonly Hall[] _halls;
    private readonly Dictionary<string, DeviceRef> _devices = new(StringComparer.Ordinal);
    private readonly HallSimulation _desks;
    private readonly DeskOrders _orders;
    private readonly RobotSimulation _robots;
    private readonly DossierSimulation _dossiers;
    private readonly DayPlanner _planner;
    private readonly string _runId;
    private long _snapshotSeq;

    public CitySimulation(CityLayout layout, DateTimeOffset start, IEnumerable<DossierRecord>? restored = null, string? runId = null)
    {
        Layout = layout;
        _runId = runId ?? Guid.NewGuid().ToString("N")[..8];
        Start = WorkCalendar.Ms(start.ToUniversalTime());
        var day = HanoiTime.DayOf(Start);
        _clock = new SimScheduler(HanoiTime.StartOf(day).ToUniversalTime());
        _robots = new RobotSimulation(_clock);
        _desks = new HallSimulation(_clock, _robots, layout.Settings.ServiceTimeCv);
        _orders = new DeskOrders(_clock, _desks);
        _dossiers = new DossierSimulation(_clock, layout);

        _halls = new Hall[layout.Wards.Count];
        foreach (var p in layout.Wards)
        {
            var h = new Hall(p);
            _halls[p.Index] = h;
            foreach (var d in h.Desks) _devices[d.DeviceId] = new DeviceRef(p.Index, DeviceKinds.Counter, d.Index);
            foreach (var r in h.Robots)
            {
                _devices[r.DeviceId] = new DeviceRef(p.Index, DeviceKinds.Robot, r.Index);
                _robots.Init(h, r, Rng.For(layout.Settings.Seed, "robot-init", r.DeviceId, day.DayNumber));
            }
            _devices[p.KioskId] = new DeviceRef(p.Index, DeviceKinds.Kiosk, 0);
        }
        _devices[CityLayout.DossierSystemId] = new DeviceRef(-1, DeviceKinds.DossierSystem, 0);
        _planner = new DayPlanner(_clock, layout, _halls);

        if (restored is not null) _dossiers.Restore(restored, Start);
        _clock.Schedule(_clock.Now, new SimAction(ActionKind.PlanDay) { Day = day });
    }

    public CityLayout Layout { get; }

    /// <summary>The instant the simulation was started at (the replay of today runs up to it).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Business time the model has been advanced to.</summary>
    public DateTimeOffset Now => _clock.Now;

    /// <summary>Open dossiers with their planned steps (what a restart must continue).</summary>
    public IReadOnlyCollection<DossierRecord> OpenDossiers => _dossiers.Open;

    /// <summary>Processes everything planned up to <paramref name="to"/>; returns the events, ordered by ts.</summary>
    public List<SimEvent> Advance(DateTimeOffset to) => _clock.RunUntil(WorkCalendar.Ms(to.ToUniversalTime()), Process);

    /// <summary>
    /// A ward chief's order (accepted staffing advice), carried out at the model's current time by the next
    /// <see cref="Advance"/>; false when the ward or desk is not in the layout.
    /// </summary>
    public bool Order(StaffingOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var ward = Layout.Wards.FirstOrDefault(w => w.Code == order.Ward);
        var desk = ward is null ? -1 : Array.FindIndex(_halls[ward.Index].Desks, d => d.Label == order.Desk);
        if (desk < 0) return false;
        _clock.Schedule(_clock.Now, new SimAction(ActionKind.DeskOrder) { Ward = ward!.Index, Index = desk, Order = order });
        return true;
    }

    /// <summary>
    /// A state message (heartbeat) of a counter or robot at the model's current time; null for
    /// other kinds and for a robot that is offline (it sends nothing).
    /// </summary>
    public SimEvent? Snapshot(string deviceId)
    {
        if (!_devices.TryGetValue(deviceId, out var d)) return null;
        var id = $"{deviceId}-{_runId}-{++_snapshotSeq}";
        var h = d.Ward >= 0 ? _halls[d.Ward] : null;
        if (d.Kind == DeviceKinds.Counter) return _desks.CounterState(h!, h!.Desks[d.Index], id);
        if (d.Kind == DeviceKinds.Robot && !h!.Robots[d.Index].Offline) return _robots.State(h, h.Robots[d.Index], id);
        return null;
    }

    /// <summary>Whether the robot is driving right now (its pose is worth sending more often).</summary>
    public bool IsMoving(string deviceId) =>
        _devices.TryGetValue(deviceId, out var d) && d.Kind == DeviceKinds.Robot
        && _halls[d.Ward].Robots[d.Index] is { Offline: false } r && r.IsMoving(Now.UtcTicks);

    private void Process(SimAction a)
    {
        var h = a.Kind is ActionKind.PlanDay or ActionKind.DossierStep ? null : _halls[a.Ward];
        switch (a.Kind)
        {
            case ActionKind.PlanDay: _planner.Plan(a.Day); break;
            case ActionKind.TicketArrival: _desks.TicketArrival(h!, a.Service!, a.Online); break;
            case ActionKind.FlexCheck: _desks.FlexCheck(h!, a.Ticket!); break;
            case ActionKind.FlexExpire: _desks.FlexExpire(h!, h!.Desks[a.Index]); break;
            case ActionKind.DeskOpen: _desks.DeskOpen(h!, h!.Desks[a.Index]); break;
            case ActionKind.DeskSessionEnd: _desks.DeskSessionEnd(h!, h!.Desks[a.Index]); break;
            case ActionKind.DeskHardClose: _desks.DeskHardClose(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.DeskBreakStart: _desks.DeskBreakStart(h!, h!.Desks[a.Index], a.Minutes); break;
            case ActionKind.DeskBreakEnd: _desks.DeskBreakEnd(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.DeskReady: _desks.DeskReady(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.Recall: _desks.Recall(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.ServiceEnd: _desks.ServiceEnd(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.NoShow: _desks.NoShow(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.DeskOutageStart: _orders.DeskOutageStart(h!, h!.Desks[a.Index]); break;
            case ActionKind.DeskOutageEnd: _orders.DeskOutageEnd(h!, h!.Desks[a.Index]); break;
            case ActionKind.DeskOrder: _orders.Order(h!, h!.Desks[a.Index], a.Order!); break;
            case ActionKind.DeskOrderEnd: _orders.OrderEnd(h!, h!.Desks[a.Index], a.Version); break;
            case ActionKind.Rating: _desks.Rating(h!, a); break;
            case ActionKind.RobotStartDay: _robots.StartDay(h!, h!.Robots[a.Index]); break;
            case ActionKind.RobotEndDay: _robots.EndDay(h!, h!.Robots[a.Index]); break;
            case ActionKind.RobotArrive: _robots.Arrive(h!, h!.Robots[a.Index], a.Version); break;
            case ActionKind.RobotCharged: _robots.Charged(h!, h!.Robots[a.Index], a.Version); break;
            case ActionKind.RobotFault: _robots.Fault(h!, h!.Robots[a.Index], a.Minutes, a.Issue!, a.Emergency); break;
            case ActionKind.RobotFaultClear: _robots.FaultClear(h!, h!.Robots[a.Index], a.Version); break;
            case ActionKind.RobotDelivery: _robots.Delivery(h!, h!.Robots[a.Index]); break;
            case ActionKind.RobotFleetFault: _robots.FleetFault(h!, h!.Robots[a.Index], a.Mode!, a.Minutes); break;
            case ActionKind.RobotFleetRecover: _robots.FleetRecover(h!, h!.Robots[a.Index], a.Version); break;
            case ActionKind.DossierReceive: _dossiers.Receive(h!, a.DossierId!, a.Channel!); break;
            case ActionKind.DossierStep: _dossiers.Step(a.DossierId!); break;
        }
    }
}
