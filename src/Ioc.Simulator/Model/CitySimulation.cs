using System.Globalization;
using Ioc.Halls;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>
/// The pure day model: a discrete-event simulation of every ward's hall (tickets, counters,
/// robots) and of the city's dossiers, driven only by the business time it is advanced to.
/// No timers, no I/O: <see cref="Advance"/> processes one priority queue up to the given instant
/// and returns the business events that happened, in time order.
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
    // Robot kinematics and battery, per business minute.
    private const double RobotSpeed = 0.7; // m/s
    private const double DrainMovingPerMin = 0.35;
    private const double DrainIdlePerMin = 0.04;
    private const double ChargePerMin = 1.6;
    private const double NoShowShare = 0.03;
    private const double OnlineTicketShare = 0.04;
    private const double BackOfficeShare = 0.3;
    private static readonly TimeSpan FlexOpenAfter = TimeSpan.FromMinutes(25);
    private static readonly (double Min, double Max) IdleChunkMinutes = (4, 14);

    private static readonly (int From, int To, double Weight)[] TicketProfile =
    [
        (465, 480, 1.0), (480, 510, 1.0), (510, 540, 1.4), (540, 600, 2.1), (600, 630, 1.7),
        (630, 660, 1.2), (660, 690, 0.7), (780, 810, 1.0), (810, 840, 1.4), (840, 900, 1.9),
        (900, 930, 1.4), (930, 960, 1.0), (960, 990, 0.6),
    ];

    private static readonly (int From, int To, double Weight)[] InPersonDossierProfile =
    [
        (480, 540, 1.0), (540, 600, 1.6), (600, 705, 1.2), (780, 840, 1.2), (840, 900, 1.5), (900, 1005, 1.0),
    ];

    private static readonly (int From, int To, double Weight)[] PostalDossierProfile =
    [
        (480, 705, 1.0), (780, 1005, 1.0),
    ];

    private static readonly (int From, int To, double Weight)[] OnlineDossierProfile = BuildOnlineProfile();

    private readonly PriorityQueue<SimAction, (long Ticks, long Seq)> _queue = new();
    private readonly WardRt[] _wards;
    private readonly Dictionary<string, DeviceRef> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DossierRecord> _open = new(StringComparer.Ordinal);
    private readonly int _seed;
    private readonly string _runId;
    private long _seq;
    private long _snapshotSeq;
    private List<SimEvent> _out = [];

    public CitySimulation(CityLayout layout, DateTimeOffset start, IEnumerable<DossierRecord>? restored = null, string? runId = null)
    {
        Layout = layout;
        _seed = layout.Settings.Seed;
        _runId = runId ?? Guid.NewGuid().ToString("N")[..8];
        Start = WorkCalendar.Ms(start.ToUniversalTime());
        var day = HanoiTime.DayOf(Start);
        Now = HanoiTime.StartOf(day).ToUniversalTime();

        _wards = new WardRt[layout.Wards.Count];
        foreach (var p in layout.Wards)
        {
            var w = new WardRt(p);
            _wards[p.Index] = w;
            for (var c = 0; c < w.Counters.Length; c++) _devices[w.Counters[c].DeviceId] = new DeviceRef(p.Index, DeviceKinds.Counter, c);
            for (var r = 0; r < w.Robots.Length; r++)
            {
                var robot = w.Robots[r];
                _devices[robot.DeviceId] = new DeviceRef(p.Index, DeviceKinds.Robot, r);
                var init = Rng.For(_seed, "robot-init", robot.DeviceId, day.DayNumber);
                var (dx, dy) = DockPoint(p.Hall, r);
                robot.X0 = robot.X1 = dx;
                robot.Y0 = robot.Y1 = dy;
                robot.T0 = robot.T1 = Now.UtcTicks;
                robot.Yaw = Math.PI / 2;
                robot.Battery = Math.Round(init.Uniform(60, 100), 1);
                robot.BatteryTicks = Now.UtcTicks;
                robot.Mode = "charging";
                robot.AtDock = true;
                ScheduleCharged(robot, p.Index, r, Now);
            }
            _devices[p.KioskId] = new DeviceRef(p.Index, DeviceKinds.Kiosk, 0);
        }
        _devices[CityLayout.DossierSystemId] = new DeviceRef(-1, DeviceKinds.DossierSystem, 0);

        if (restored is not null)
        {
            foreach (var r in restored)
            {
                if (r.ReceivedAt > Start || !layout.ByCode.ContainsKey(r.Ward) || _open.ContainsKey(r.Id)) continue;
                r.ShiftRemaining(Start - r.NextStepAt);
                _open[r.Id] = r;
                Schedule(r.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = r.Id });
            }
        }

        Schedule(Now, new SimAction(ActionKind.PlanDay) { Day = day });
    }

    public CityLayout Layout { get; }

    /// <summary>The instant the simulation was started at (the replay of today runs up to it).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Business time the model has been advanced to.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Open dossiers with their planned steps (what a restart must continue).</summary>
    public IReadOnlyCollection<DossierRecord> OpenDossiers => _open.Values;

    /// <summary>Processes everything planned up to <paramref name="to"/>; returns the events, ordered by ts.</summary>
    public List<SimEvent> Advance(DateTimeOffset to)
    {
        to = WorkCalendar.Ms(to.ToUniversalTime());
        var list = new List<SimEvent>();
        _out = list;
        while (_queue.TryPeek(out var action, out var key) && key.Ticks <= to.UtcTicks)
        {
            _queue.Dequeue();
            Now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
            Process(action);
        }
        if (to > Now) Now = to;
        _out = [];
        return list;
    }

    /// <summary>A state message (heartbeat) of a counter or robot at the model's current time; null for other kinds.</summary>
    public SimEvent? Snapshot(string deviceId)
    {
        if (!_devices.TryGetValue(deviceId, out var d)) return null;
        var id = $"{deviceId}-{_runId}-{++_snapshotSeq}";
        if (d.Kind == DeviceKinds.Counter) return CounterState(_wards[d.Ward], _wards[d.Ward].Counters[d.Index], id);
        if (d.Kind == DeviceKinds.Robot) return RobotState(_wards[d.Ward], _wards[d.Ward].Robots[d.Index], id);
        return null;
    }

    /// <summary>Whether the robot is driving right now (its pose is worth sending more often).</summary>
    public bool IsMoving(string deviceId) =>
        _devices.TryGetValue(deviceId, out var d) && d.Kind == DeviceKinds.Robot
        && _wards[d.Ward].Robots[d.Index].IsMoving(Now.UtcTicks);

    // ------------------------------------------------------------------ scheduling

    private void Schedule(DateTimeOffset at, SimAction action)
    {
        if (at < Now) at = Now;
        action.At = WorkCalendar.Ms(at);
        _queue.Enqueue(action, (action.At.UtcTicks, ++_seq));
    }

    private void Process(SimAction a)
    {
        switch (a.Kind)
        {
            case ActionKind.PlanDay: PlanDay(a.Day); break;
            case ActionKind.TicketArrival: TicketArrival(_wards[a.Ward], a.Service!, a.Online); break;
            case ActionKind.CounterOpen: CounterOpen(_wards[a.Ward], _wards[a.Ward].Counters[a.Index]); break;
            case ActionKind.CounterSessionEnd: CounterSessionEnd(_wards[a.Ward], _wards[a.Ward].Counters[a.Index]); break;
            case ActionKind.CounterHardClose: CounterHardClose(_wards[a.Ward], _wards[a.Ward].Counters[a.Index], a.Version); break;
            case ActionKind.CounterPauseStart: CounterPauseStart(_wards[a.Ward], _wards[a.Ward].Counters[a.Index], a.Minutes); break;
            case ActionKind.CounterPauseEnd: CounterPauseEnd(_wards[a.Ward], _wards[a.Ward].Counters[a.Index], a.Version); break;
            case ActionKind.ServiceEnd: ServiceEnd(_wards[a.Ward], _wards[a.Ward].Counters[a.Index], a.Version, noShow: false); break;
            case ActionKind.BackOfficeEnd: BackOfficeEnd(_wards[a.Ward], _wards[a.Ward].Counters[a.Index], a.Version); break;
            case ActionKind.NoShow: ServiceEnd(_wards[a.Ward], _wards[a.Ward].Counters[a.Index], a.Version, noShow: true); break;
            case ActionKind.Rating: Emit(EventTypes.RatingSubmitted, a.Id!, a.Device!, _wards[a.Ward].P.Code, e => e with { Ticket = a.Ticket, Counter = a.Counter, Score = a.Score }); break;
            case ActionKind.RobotStartDay: RobotStartDay(_wards[a.Ward], a.Index); break;
            case ActionKind.RobotEndDay: RobotEndDay(_wards[a.Ward], a.Index); break;
            case ActionKind.RobotArrive: RobotArrive(_wards[a.Ward], a.Index, a.Version); break;
            case ActionKind.RobotCharged: RobotCharged(_wards[a.Ward], a.Index, a.Version); break;
            case ActionKind.RobotFault: RobotFault(_wards[a.Ward], a.Index, a.Minutes, a.Issue!, a.Emergency); break;
            case ActionKind.RobotFaultClear: RobotFaultClear(_wards[a.Ward], a.Index, a.Version); break;
            case ActionKind.RobotDelivery: RobotDelivery(_wards[a.Ward], a.Index); break;
            case ActionKind.DossierReceive: DossierReceive(_wards[a.Ward], a.DossierId!, a.Channel!); break;
            case ActionKind.DossierStep: DossierStep(a.DossierId!); break;
        }
    }

    // ------------------------------------------------------------------ day plan

    private void PlanDay(DateOnly day)
    {
        var working = WorkCalendar.IsWorkingDay(day);
        var dayTag = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var w in _wards)
        {
            var p = w.P;
            w.Day = day;
            w.DayTag = dayTag;
            w.Rng = Rng.For(_seed, "run", p.Code, day.DayNumber);
            Array.Clear(w.TicketNo);
            w.Waiting.Clear();
            foreach (var c in w.Counters) c.DaySeq = 0;
            foreach (var r in w.Robots) r.DaySeq = 0;
            var plan = Rng.For(_seed, "plan", p.Code, day.DayNumber);

            if (working)
            {
                // Tickets: an exact, seeded count for the day, placed on the arrival profile.
                var count = Math.Clamp((int)Math.Round(p.TicketsPerDay * plan.Uniform(0.9, 1.1)), 82, 248);
                for (var i = 0; i < count; i++)
                {
                    var at = SampleTime(day, TicketProfile, plan);
                    var service = Catalog.Services[plan.PickWeighted(Catalog.TicketMix)];
                    Schedule(at, new SimAction(ActionKind.TicketArrival) { Ward = p.Index, Service = service, Online = plan.Chance(OnlineTicketShare) });
                }

                for (var c = 0; c < w.Counters.Length; c++)
                {
                    if (p.FlexCounters[c])
                    {
                        // A flex desk opens when the queue gets long (see Dispatch); it closes for lunch and at night.
                        Schedule(WorkCalendar.At(day, TimeSpan.FromHours(12)), new SimAction(ActionKind.CounterSessionEnd) { Ward = p.Index, Index = c });
                        Schedule(WorkCalendar.At(day, TimeSpan.FromHours(17)), new SimAction(ActionKind.CounterSessionEnd) { Ward = p.Index, Index = c });
                        continue;
                    }
                    ScheduleSession(p.Index, c, day, plan.Chance(0.1) ? plan.Uniform(485, 505) : 480, 720);
                    ScheduleSession(p.Index, c, day, plan.Chance(0.08) ? plan.Uniform(785, 800) : 780, 1020);
                    if (plan.Chance(0.5))
                        Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(555, 670))), new SimAction(ActionKind.CounterPauseStart) { Ward = p.Index, Index = c, Minutes = plan.Uniform(5, 15) });
                    if (plan.Chance(0.5))
                        Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(840, 970))), new SimAction(ActionKind.CounterPauseStart) { Ward = p.Index, Index = c, Minutes = plan.Uniform(5, 15) });
                }

                for (var r = 0; r < w.Robots.Length; r++)
                {
                    Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(450 + plan.Uniform(0, 10))), new SimAction(ActionKind.RobotStartDay) { Ward = p.Index, Index = r });
                    Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(1025 + plan.Uniform(0, 10))), new SimAction(ActionKind.RobotEndDay) { Ward = p.Index, Index = r });
                    var deliveries = plan.Next(3, 9);
                    for (var k = 0; k < deliveries; k++)
                        Schedule(SampleTime(day, TicketProfile, plan), new SimAction(ActionKind.RobotDelivery) { Ward = p.Index, Index = r });
                    if (plan.Chance(0.25))
                        Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(510, 990))),
                            new SimAction(ActionKind.RobotFault) { Ward = p.Index, Index = r, Minutes = plan.Uniform(5, 40), Issue = plan.Pick(Catalog.RobotIssues) });
                    if (plan.Chance(0.015))
                        Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(plan.Uniform(510, 990))),
                            new SimAction(ActionKind.RobotFault) { Ward = p.Index, Index = r, Minutes = plan.Uniform(2, 10), Issue = plan.Pick(Catalog.RobotEmergencies), Emergency = true });
                }
            }

            // Dossiers: every day online; on working days also in person and by post.
            var expected = working ? p.DossiersPerDay : p.DossiersPerDay * 0.6 * 0.12;
            var n = plan.Poisson(expected);
            var arrivals = new List<(DateTimeOffset At, string Channel)>(n);
            for (var i = 0; i < n; i++)
            {
                var channel = working ? DossierChannels.All[plan.PickWeighted([0.6, 0.33, 0.07])] : "online";
                var profile = channel switch { "online" => OnlineDossierProfile, "postal" => PostalDossierProfile, _ => InPersonDossierProfile };
                arrivals.Add((SampleTime(day, profile, plan), channel));
            }
            arrivals.Sort((a, b) => a.At.CompareTo(b.At));
            var yymmdd = day.ToString("yyMMdd", CultureInfo.InvariantCulture);
            for (var i = 0; i < arrivals.Count; i++)
            {
                Schedule(arrivals[i].At, new SimAction(ActionKind.DossierReceive)
                {
                    Ward = p.Index,
                    Channel = arrivals[i].Channel,
                    DossierId = $"HS-{p.Code}-{yymmdd}-{(i + 1).ToString("D4", CultureInfo.InvariantCulture)}",
                });
            }
        }

        var next = day.AddDays(1);
        Schedule(HanoiTime.StartOf(next), new SimAction(ActionKind.PlanDay) { Day = next });
    }

    private void ScheduleSession(int ward, int counter, DateOnly day, double openMinute, double endMinute)
    {
        Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(openMinute)), new SimAction(ActionKind.CounterOpen) { Ward = ward, Index = counter });
        Schedule(WorkCalendar.At(day, TimeSpan.FromMinutes(endMinute)), new SimAction(ActionKind.CounterSessionEnd) { Ward = ward, Index = counter });
    }

    private static DateTimeOffset SampleTime(DateOnly day, (int From, int To, double Weight)[] profile, Rng rng)
    {
        double total = 0;
        foreach (var s in profile) total += (s.To - s.From) * s.Weight;
        var r = rng.NextDouble() * total;
        foreach (var s in profile)
        {
            var mass = (s.To - s.From) * s.Weight;
            if (r < mass) return WorkCalendar.At(day, TimeSpan.FromMinutes(s.From + r / s.Weight));
            r -= mass;
        }
        var last = profile[^1];
        return WorkCalendar.At(day, TimeSpan.FromMinutes(last.To - 0.01));
    }

    private static (int, int, double)[] BuildOnlineProfile()
    {
        double[] hourly = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 0.9, 1.5, 1.7, 1.7, 1.5, 1.0, 1.3, 1.6, 1.6, 1.4, 1.1, 0.9, 0.9, 0.9, 0.7, 0.5, 0.3];
        return hourly.Select((w, h) => (h * 60, h * 60 + 60, w)).ToArray();
    }

    // ------------------------------------------------------------------ tickets and counters

    private void TicketArrival(WardRt w, string service, bool online)
    {
        var si = IndexOf(service);
        var number = $"{Catalog.TicketLetter(service)}{(++w.TicketNo[si]).ToString("D3", CultureInfo.InvariantCulture)}";
        string device, channel;
        RobotRt? robot = null;
        if (online) { device = w.P.KioskId; channel = "online"; }
        else
        {
            for (var k = 0; k < w.Robots.Length && robot is null; k++)
            {
                var r = w.Robots[(w.NextRobot + k) % w.Robots.Length];
                if (r.OnDuty && r.Mode == "idle" && !r.IsMoving(Now.UtcTicks)) robot = r;
            }
            if (w.Robots.Length > 0) w.NextRobot = (w.NextRobot + 1) % w.Robots.Length;
            (device, channel) = robot is not null ? (robot.DeviceId, "robot") : (w.P.KioskId, "kiosk");
        }
        var ticket = new Ticket(number, service, Now, channel);
        Emit(EventTypes.TicketIssued, TicketEventId(w, number, "i"), device, w.P.Code, e => e with { Ticket = number, Service = service, Channel = channel });
        w.Waiting.Add(ticket);

        if (robot is not null && w.Rng.Chance(0.5))
        {
            // Walk the citizen to the waiting area, then come back to the post by the entrance.
            var (x, y) = WaitingPoint(w.P.Hall, w.Rng);
            robot.Legs.Clear();
            robot.Legs.Enqueue((SpotPoint(w.P.Hall, robot.Index), "idle", false));
            MoveRobot(w, robot, x, y, "guiding", toDock: false);
        }
        Dispatch(w);
    }

    private void Dispatch(WardRt w)
    {
        if (w.Waiting.Count == 0) return;
        var n = w.Counters.Length;
        for (var k = 0; k < n && w.Waiting.Count > 0; k++)
        {
            var c = w.Counters[(w.NextCounter + k) % n];
            if (c.Status != CounterStatuses.Open || c.Current is not null || c.PauseRequested || c.BackOffice) continue;
            var t = OldestFor(w, c);
            if (t is not null) Call(w, c, t);
        }
        w.NextCounter = (w.NextCounter + 1) % n;
        if (w.Waiting.Count > 0 && Now - w.Waiting[0].IssuedAt >= FlexOpenAfter) OpenFlexDesk(w);
    }

    /// <summary>When a citizen has waited too long, the ward opens one more (general) desk if it has one free.</summary>
    private void OpenFlexDesk(WardRt w)
    {
        var tod = WorkCalendar.TimeOfDay(Now);
        var inSession = (tod >= WorkCalendar.MorningStart && tod < TimeSpan.FromMinutes(705)) || (tod >= WorkCalendar.AfternoonStart && tod < TimeSpan.FromMinutes(1005));
        if (!inSession || !WorkCalendar.IsWorkingDay(w.Day)) return;
        foreach (var c in w.Counters)
        {
            if (!w.P.FlexCounters[c.Index] || c.Status != CounterStatuses.Closed) continue;
            c.FlexUntil = Now + TimeSpan.FromMinutes(w.Rng.Uniform(30, 60));
            c.Closing = false;
            c.HardClosing = false;
            c.PauseRequested = false;
            SetCounterStatus(w, c, CounterStatuses.Open);
            var t = OldestFor(w, c);
            if (t is not null) Call(w, c, t);
            return;
        }
    }

    private static Ticket? OldestFor(WardRt w, CounterRt c)
    {
        foreach (var t in w.Waiting)
            if (Array.IndexOf(c.Services, t.Service) >= 0) return t;
        return null;
    }

    private void Call(WardRt w, CounterRt c, Ticket t)
    {
        w.Waiting.Remove(t);
        c.Current = t;
        c.Version++;
        Emit(EventTypes.TicketCalled, TicketEventId(w, t.Number, "c"), c.DeviceId, w.P.Code, e => e with { Ticket = t.Number, Counter = c.Label });
        if (w.Rng.Chance(NoShowShare))
        {
            Schedule(Now + TimeSpan.FromMinutes(w.Rng.Uniform(1, 3)), new SimAction(ActionKind.NoShow) { Ward = w.P.Index, Index = c.Index, Version = c.Version });
            return;
        }
        var (min, max) = Catalog.ServiceMinutes(t.Service);
        var minutes = w.Rng.Uniform(0.3, 1.0) + (min + (max - min) * (w.Rng.NextDouble() + w.Rng.NextDouble()) / 2) * w.P.ServiceFactor;
        Schedule(Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.ServiceEnd) { Ward = w.P.Index, Index = c.Index, Version = c.Version });
    }

    private void ServiceEnd(WardRt w, CounterRt c, int version, bool noShow)
    {
        if (c.Version != version || c.Current is not { } t) return;
        c.Current = null;
        if (noShow)
        {
            Emit(EventTypes.TicketNoShow, TicketEventId(w, t.Number, "n"), c.DeviceId, w.P.Code, e => e with { Ticket = t.Number, Counter = c.Label });
        }
        else
        {
            c.ServedToday++;
            Emit(EventTypes.TicketServed, TicketEventId(w, t.Number, "s"), c.DeviceId, w.P.Code, e => e with { Ticket = t.Number, Counter = c.Label });
            if (w.Rng.Chance(w.P.RatingShare))
            {
                var score = 1 + w.Rng.PickWeighted([0.02, 0.03, 0.08, 0.27, 0.60]);
                Schedule(Now + TimeSpan.FromSeconds(w.Rng.Uniform(10, 90)), new SimAction(ActionKind.Rating)
                {
                    Ward = w.P.Index,
                    Id = TicketEventId(w, t.Number, "r"),
                    Device = c.DeviceId,
                    Ticket = t.Number,
                    Counter = c.Label,
                    Score = score,
                });
            }
        }
        AfterFree(w, c);
    }

    private void AfterFree(WardRt w, CounterRt c, bool allowBackOffice = true)
    {
        if (c.Closing)
        {
            if (c.HardClosing || OldestFor(w, c) is null) { SetCounterStatus(w, c, CounterStatuses.Closed); return; }
        }
        else if (w.P.FlexCounters[c.Index] && OldestFor(w, c) is null && Now >= c.FlexUntil)
        {
            SetCounterStatus(w, c, CounterStatuses.Closed);
            return;
        }
        else if (c.PauseRequested)
        {
            StartPause(w, c, c.PauseMinutes);
            return;
        }
        else if (OldestFor(w, c) is null || (allowBackOffice && w.Rng.Chance(BackOfficeShare)))
        {
            // Between citizens the desk enters dossiers and scans papers; with nobody waiting it keeps
            // doing so in chunks, and a newcomer waits until the current chunk is done.
            var idle = OldestFor(w, c) is null;
            c.Version++;
            c.BackOffice = true;
            var minutes = idle ? w.Rng.Uniform(IdleChunkMinutes.Min, IdleChunkMinutes.Max) : w.Rng.Uniform(1, 4);
            Schedule(Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.BackOfficeEnd) { Ward = w.P.Index, Index = c.Index, Version = c.Version });
            return;
        }
        Dispatch(w);
    }

    private void BackOfficeEnd(WardRt w, CounterRt c, int version)
    {
        if (c.Version != version || !c.BackOffice) return;
        c.BackOffice = false;
        AfterFree(w, c, allowBackOffice: false);
    }

    private void CounterOpen(WardRt w, CounterRt c)
    {
        c.BackOffice = false;
        c.Closing = false;
        c.HardClosing = false;
        c.PauseRequested = false;
        if (c.Status != CounterStatuses.Open) SetCounterStatus(w, c, CounterStatuses.Open);
        Dispatch(w);
        KeepBusy(w, c);
    }

    /// <summary>An open desk with nobody to call does back-office work (see <see cref="AfterFree"/>).</summary>
    private void KeepBusy(WardRt w, CounterRt c)
    {
        if (c.Status == CounterStatuses.Open && c.Current is null && !c.BackOffice && !c.PauseRequested) AfterFree(w, c, allowBackOffice: false);
    }

    private void CounterSessionEnd(WardRt w, CounterRt c)
    {
        c.Closing = true;
        c.PauseRequested = false;
        if (c.Status == CounterStatuses.Paused || (c.Current is null && OldestFor(w, c) is null))
        {
            SetCounterStatus(w, c, CounterStatuses.Closed);
            return;
        }
        Schedule(Now + TimeSpan.FromMinutes(45), new SimAction(ActionKind.CounterHardClose) { Ward = w.P.Index, Index = c.Index, Version = c.SessionVersion });
    }

    private void CounterHardClose(WardRt w, CounterRt c, int sessionVersion)
    {
        if (c.SessionVersion != sessionVersion || !c.Closing || c.Status == CounterStatuses.Closed) return;
        if (c.Current is not null) { c.HardClosing = true; return; }
        SetCounterStatus(w, c, CounterStatuses.Closed);
    }

    /// <summary>At the end of the day, citizens still waiting for a service no desk serves any more go home.</summary>
    private void SweepOrphans(WardRt w, CounterRt closing)
    {
        if (w.Waiting.Count == 0 || WorkCalendar.TimeOfDay(Now) < TimeSpan.FromHours(16)) return;
        foreach (var t in w.Waiting.ToArray())
        {
            if (w.Counters.Any(o => o.Status != CounterStatuses.Closed && Array.IndexOf(o.Services, t.Service) >= 0)) continue;
            w.Waiting.Remove(t);
            Emit(EventTypes.TicketCalled, TicketEventId(w, t.Number, "c"), closing.DeviceId, w.P.Code, e => e with { Ticket = t.Number, Counter = closing.Label });
            Emit(EventTypes.TicketNoShow, TicketEventId(w, t.Number, "n"), closing.DeviceId, w.P.Code, e => e with { Ticket = t.Number, Counter = closing.Label });
        }
    }

    private void CounterPauseStart(WardRt w, CounterRt c, double minutes)
    {
        if (c.Status != CounterStatuses.Open || c.Closing) return;
        if (c.Current is not null || c.BackOffice) { c.PauseRequested = true; c.PauseMinutes = minutes; return; }
        StartPause(w, c, minutes);
    }

    private void StartPause(WardRt w, CounterRt c, double minutes)
    {
        c.PauseRequested = false;
        c.Version++;
        SetCounterStatus(w, c, CounterStatuses.Paused);
        Schedule(Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.CounterPauseEnd) { Ward = w.P.Index, Index = c.Index, Version = c.Version });
    }

    private void CounterPauseEnd(WardRt w, CounterRt c, int version)
    {
        if (c.Version != version || c.Status != CounterStatuses.Paused) return;
        SetCounterStatus(w, c, c.Closing ? CounterStatuses.Closed : CounterStatuses.Open);
        Dispatch(w);
        KeepBusy(w, c);
    }

    private void SetCounterStatus(WardRt w, CounterRt c, string status)
    {
        if (status != CounterStatuses.Open) c.BackOffice = false;
        if (status == CounterStatuses.Closed)
        {
            c.Closing = false;
            c.HardClosing = false;
            c.SessionVersion++;
        }
        if (c.Status == status) return;
        c.Status = status;
        _out.Add(CounterState(w, c, $"{c.DeviceId}-{w.DayTag}-{++c.DaySeq}"));
        if (status == CounterStatuses.Closed) SweepOrphans(w, c);
    }

    private SimEvent CounterState(WardRt w, CounterRt c, string id) => new()
    {
        Type = EventTypes.CounterState,
        Id = id,
        DeviceId = c.DeviceId,
        Ward = w.P.Code,
        Ts = Now,
        Counter = c.Label,
        Status = c.Status,
        Services = c.Services,
    };

    // ------------------------------------------------------------------ robots

    private void RobotStartDay(WardRt w, int index)
    {
        var r = w.Robots[index];
        r.OnDuty = true;
        if (r.Mode is "error" or "emergency") return;
        r.Settle(Now.UtcTicks);
        if (r.AtDock && r.Battery < 40)
        {
            SetRobotMode(w, r, "charging", null);
            ScheduleCharged(r, w.P.Index, index, Now);
            return;
        }
        GoToPost(w, r);
    }

    private void RobotEndDay(WardRt w, int index)
    {
        var r = w.Robots[index];
        r.OnDuty = false;
        if (r.Mode is "error" or "emergency") return; // goes home when the fault clears
        if (r.AtDock)
        {
            if (r.Mode == "charging") ScheduleCharged(r, w.P.Index, index, Now); // now to 100 %
            return;
        }
        GoToDock(w, r);
    }

    private void RobotArrive(WardRt w, int index, int version)
    {
        var r = w.Robots[index];
        if (r.Version != version) return;
        r.Settle(Now.UtcTicks);
        if (r.Legs.Count > 0)
        {
            var ((x, y), mode, toDock) = r.Legs.Dequeue();
            MoveRobot(w, r, x, y, mode, toDock);
            return;
        }
        if (r.HeadingToDock)
        {
            r.AtDock = true;
            r.HeadingToDock = false;
            if (r.Battery >= 99.95) SetRobotMode(w, r, "docked", null);
            else
            {
                SetRobotMode(w, r, "charging", null);
                ScheduleCharged(r, w.P.Index, index, Now);
            }
            return;
        }
        SetRobotMode(w, r, "idle", null);
        if (!r.OnDuty || r.Battery < 25) GoToDock(w, r);
    }

    private void RobotCharged(WardRt w, int index, int version)
    {
        var r = w.Robots[index];
        if (r.Version != version || r.Mode != "charging") return;
        r.Settle(Now.UtcTicks);
        if (r.OnDuty) { GoToPost(w, r); return; }
        r.Battery = 100;
        SetRobotMode(w, r, "docked", null);
    }

    private void RobotFault(WardRt w, int index, double minutes, string issue, bool emergency)
    {
        var r = w.Robots[index];
        if (!r.OnDuty || r.AtDock || r.Mode is "error" or "emergency") return;
        StopRobot(r);
        SetRobotMode(w, r, emergency ? "emergency" : "error", issue);
        Schedule(Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.RobotFaultClear) { Ward = w.P.Index, Index = index, Version = r.Version });
    }

    private void RobotFaultClear(WardRt w, int index, int version)
    {
        var r = w.Robots[index];
        if (r.Version != version || r.Mode is not ("error" or "emergency")) return;
        SetRobotMode(w, r, "idle", null);
        if (r.OnDuty && r.Battery >= 25) GoToPost(w, r);
        else GoToDock(w, r);
    }

    private void RobotDelivery(WardRt w, int index)
    {
        var r = w.Robots[index];
        if (!r.OnDuty || r.Mode != "idle" || r.IsMoving(Now.UtcTicks) || r.AtDock || r.Battery < 30) return;
        var desks = w.P.Hall.Desks;
        var a = DeskPoint(desks[w.Rng.Next(0, desks.Length)]);
        var b = DeskPoint(desks[w.Rng.Next(0, desks.Length)]);
        r.Legs.Clear();
        r.Legs.Enqueue((b, "delivering", false));
        r.Legs.Enqueue((SpotPoint(w.P.Hall, r.Index), "idle", false));
        MoveRobot(w, r, a.X, a.Y, "delivering", toDock: false);
    }

    private void GoToPost(WardRt w, RobotRt r)
    {
        r.Legs.Clear();
        var (x, y) = SpotPoint(w.P.Hall, r.Index);
        MoveRobot(w, r, x, y, "idle", toDock: false);
    }

    private void GoToDock(WardRt w, RobotRt r)
    {
        r.Legs.Clear();
        var (x, y) = DockPoint(w.P.Hall, r.Index);
        MoveRobot(w, r, x, y, "idle", toDock: true);
    }

    private void MoveRobot(WardRt w, RobotRt r, double x, double y, string mode, bool toDock)
    {
        var now = Now.UtcTicks;
        r.Settle(now);
        var (px, py) = r.PositionAt(now);
        var dx = x - px;
        var dy = y - py;
        var dist = Math.Sqrt(dx * dx + dy * dy);
        r.X0 = px; r.Y0 = py; r.X1 = x; r.Y1 = y;
        r.T0 = now;
        r.T1 = now + TimeSpan.FromSeconds(Math.Max(2, dist / RobotSpeed)).Ticks;
        if (dist > 0.01) r.Yaw = Math.Atan2(dy, dx);
        r.AtDock = false;
        r.HeadingToDock = toDock;
        r.Version++;
        Schedule(new DateTimeOffset(r.T1, TimeSpan.Zero), new SimAction(ActionKind.RobotArrive) { Ward = w.P.Index, Index = r.Index, Version = r.Version });
        SetRobotMode(w, r, mode, null);
    }

    private void StopRobot(RobotRt r)
    {
        var now = Now.UtcTicks;
        r.Settle(now);
        var (px, py) = r.PositionAt(now);
        r.X0 = r.X1 = px;
        r.Y0 = r.Y1 = py;
        r.T0 = r.T1 = now;
        r.Legs.Clear();
        r.HeadingToDock = false;
        r.Version++;
    }

    private void ScheduleCharged(RobotRt r, int ward, int index, DateTimeOffset now)
    {
        r.Version++;
        var target = r.OnDuty ? 90 : 100;
        var minutes = Math.Max(0.5, (target - r.Battery) / ChargePerMin);
        Schedule(now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.RobotCharged) { Ward = ward, Index = index, Version = r.Version });
    }

    private void SetRobotMode(WardRt w, RobotRt r, string mode, string? issue)
    {
        r.Settle(Now.UtcTicks);
        if (r.Mode == mode && r.Issue == issue) return;
        r.Mode = mode;
        r.Issue = issue;
        _out.Add(RobotState(w, r, $"{r.DeviceId}-{w.DayTag}-{++r.DaySeq}"));
    }

    private SimEvent RobotState(WardRt w, RobotRt r, string id)
    {
        var now = Now.UtcTicks;
        var (x, y) = r.PositionAt(now);
        return new SimEvent
        {
            Type = EventTypes.RobotState,
            Id = id,
            DeviceId = r.DeviceId,
            Ward = w.P.Code,
            Ts = Now,
            Pose = new RobotPose(Math.Round(x, 2), Math.Round(y, 2), Math.Clamp(Math.Round(r.Yaw, 3), -3.141, 3.141)),
            Battery = Math.Round(r.BatteryAt(now), 1),
            Mode = r.Mode,
            Issue = r.Issue,
        };
    }

    internal static (double X, double Y) DockPoint(HallPlan hall, int index) =>
        (hall.Dock.X + 0.4 + 0.6 * (index % 3), hall.Dock.Y + hall.Dock.Height / 2);

    internal static (double X, double Y) SpotPoint(HallPlan hall, int index) =>
        (Math.Min(hall.Width - 1, hall.Entrance.X + hall.Entrance.Width + 1.0 + 1.2 * index), hall.Entrance.Y + hall.Entrance.Height + 1.5);

    private static (double X, double Y) WaitingPoint(HallPlan hall, Rng rng) =>
        (rng.Uniform(hall.WaitingArea.X + 0.5, hall.WaitingArea.X + hall.WaitingArea.Width - 0.5),
         rng.Uniform(hall.WaitingArea.Y + 0.5, hall.WaitingArea.Y + hall.WaitingArea.Height - 0.5));

    private static (double X, double Y) DeskPoint(HallDesk desk) => (desk.X, desk.Y - 1.2);

    // ------------------------------------------------------------------ dossiers

    private void DossierReceive(WardRt w, string id, string channel)
    {
        if (_open.ContainsKey(id)) return; // restored from the previous run
        var rng = Rng.For(_seed, "dossier", id);
        var service = Catalog.Services[rng.PickWeighted(Catalog.DossierMix)];
        var procedure = rng.Pick(Catalog.ProceduresOf(service));
        var received = Now;
        var due = DueDate(received, procedure);
        var available = WorkCalendar.WorkingMinutesBetween(received, due);

        DateTimeOffset resolveBase;
        if (rng.Chance(w.P.LateProbability))
        {
            resolveBase = WorkCalendar.AddWorkingMinutes(due, rng.Uniform(20, 1500));
        }
        else
        {
            var fraction = 0.08 + 0.87 * Math.Pow(rng.NextDouble(), 1.4);
            var minutes = available < 3 ? available / 2 : Math.Clamp(fraction * available, 1, available - 1);
            resolveBase = WorkCalendar.AddWorkingMinutes(received, minutes);
            if (resolveBase > due) resolveBase = due - TimeSpan.FromMinutes(1);
        }
        if (resolveBase < received + TimeSpan.FromMinutes(1)) resolveBase = received + TimeSpan.FromMinutes(1);
        resolveBase = WorkCalendar.Ms(resolveBase);

        var record = new DossierRecord
        {
            Id = id,
            Ward = w.P.Code,
            Service = service,
            Procedure = procedure.Name,
            Channel = channel,
            ReceivedAt = received,
            DueAt = WorkCalendar.Ms(due),
            ResolveAt = resolveBase,
        };

        var pauseShare = service is ServiceCodes.DatDai or ServiceCodes.XayDung ? 0.12 : 0.04;
        var workToResolve = WorkCalendar.WorkingMinutesBetween(received, resolveBase);
        if (rng.Chance(pauseShare) && workToResolve >= 10)
        {
            var pauseAt = WorkCalendar.Ms(WorkCalendar.AddWorkingMinutes(received, rng.Uniform(0.2, 0.7) * workToResolve));
            if (pauseAt > received && pauseAt < resolveBase)
            {
                var length = WorkCalendar.Ms(WorkCalendar.AddWorkingMinutes(pauseAt, rng.Uniform(120, 2400))) - pauseAt;
                record.PauseAt = pauseAt;
                record.ResumeAt = pauseAt + length;
                record.ResolveAt = resolveBase + length;
            }
        }

        _open[id] = record;
        Emit(EventTypes.DossierReceived, id + "-r", CityLayout.DossierSystemId, w.P.Code, e => e with
        {
            Dossier = id,
            Procedure = record.Procedure,
            Service = service,
            Channel = channel,
            DueAt = record.DueAt,
        });
        Schedule(record.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = id });
    }

    private void DossierStep(string id)
    {
        if (!_open.TryGetValue(id, out var r)) return;
        if (r.NextStepAt > Now) { Schedule(r.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = id }); return; }
        switch (r.Stage)
        {
            case DossierStage.Open when r.PauseAt is not null:
                r.Stage = DossierStage.Paused;
                Emit(EventTypes.DossierPaused, id + "-p", CityLayout.DossierSystemId, r.Ward, e => e with { Dossier = id });
                break;
            case DossierStage.Paused:
                r.Stage = DossierStage.Resumed;
                Emit(EventTypes.DossierResumed, id + "-u", CityLayout.DossierSystemId, r.Ward, e => e with { Dossier = id });
                break;
            default:
                _open.Remove(id);
                Emit(EventTypes.DossierResolved, id + "-d", CityLayout.DossierSystemId, r.Ward, e => e with { Dossier = id });
                return;
        }
        Schedule(r.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = id });
    }

    /// <summary>
    /// The legal return date: certification the same working day if received before 15:00 on a
    /// working day, else the next; other procedures at 17:00 of the n-th working day after the day
    /// the dossier counts as received (a working day before 17:00, else the next working day).
    /// </summary>
    public static DateTimeOffset DueDate(DateTimeOffset received, Procedure procedure)
    {
        var day = HanoiTime.DayOf(received);
        var tod = WorkCalendar.TimeOfDay(received);
        DateOnly dueDay;
        if (procedure.WorkingDays == 0)
            dueDay = WorkCalendar.IsWorkingDay(day) && tod < TimeSpan.FromHours(15) ? day : WorkCalendar.NextWorkingDay(day);
        else
        {
            var baseDay = WorkCalendar.IsWorkingDay(day) && tod < WorkCalendar.AfternoonEnd ? day : WorkCalendar.NextWorkingDay(day);
            dueDay = WorkCalendar.AddWorkingDays(baseDay, procedure.WorkingDays);
        }
        return WorkCalendar.At(dueDay, WorkCalendar.AfternoonEnd).ToUniversalTime();
    }

    // ------------------------------------------------------------------ helpers

    private void Emit(string type, string id, string device, string ward, Func<SimEvent, SimEvent> fill) =>
        _out.Add(fill(new SimEvent { Type = type, Id = id, DeviceId = device, Ward = ward, Ts = Now }));

    private static string TicketEventId(WardRt w, string ticket, string suffix) => $"{w.P.Code}-{w.DayTag}-{ticket}-{suffix}";

    private static int IndexOf(string service)
    {
        for (var i = 0; i < Catalog.Services.Count; i++)
            if (Catalog.Services[i] == service) return i;
        return Catalog.Services.Count - 1;
    }

    private readonly record struct DeviceRef(int Ward, string Kind, int Index);

    private enum ActionKind
    {
        PlanDay,
        TicketArrival,
        CounterOpen,
        CounterSessionEnd,
        CounterHardClose,
        CounterPauseStart,
        CounterPauseEnd,
        ServiceEnd,
        NoShow,
        BackOfficeEnd,
        Rating,
        RobotStartDay,
        RobotEndDay,
        RobotArrive,
        RobotCharged,
        RobotFault,
        RobotFaultClear,
        RobotDelivery,
        DossierReceive,
        DossierStep,
    }

    private sealed class SimAction(ActionKind kind)
    {
        public ActionKind Kind { get; } = kind;
        public DateTimeOffset At { get; set; }
        public int Ward { get; init; }
        public int Index { get; init; }
        public int Version { get; init; }
        public double Minutes { get; init; }
        public DateOnly Day { get; init; }
        public string? Service { get; init; }
        public bool Online { get; init; }
        public bool Emergency { get; init; }
        public string? Issue { get; init; }
        public string? Id { get; init; }
        public string? Device { get; init; }
        public string? Ticket { get; init; }
        public string? Counter { get; init; }
        public int? Score { get; init; }
        public string? DossierId { get; init; }
        public string? Channel { get; init; }
    }

    private sealed record Ticket(string Number, string Service, DateTimeOffset IssuedAt, string Channel);

    private sealed class WardRt
    {
        public WardRt(WardProfile p)
        {
            P = p;
            Counters = Enumerable.Range(0, p.CounterCount)
                .Select(i => new CounterRt(i, p.CounterId(i + 1), WardProfile.CounterLabel(i + 1), p.CounterServices[i]))
                .ToArray();
            Robots = Enumerable.Range(0, p.RobotCount).Select(i => new RobotRt(i, p.RobotId(i + 1))).ToArray();
        }

        public WardProfile P { get; }
        public CounterRt[] Counters { get; }
        public RobotRt[] Robots { get; }
        public List<Ticket> Waiting { get; } = [];
        public int[] TicketNo { get; } = new int[Catalog.Services.Count];
        public Rng Rng { get; set; } = new(0);
        public DateOnly Day { get; set; }
        public string DayTag { get; set; } = "";
        public int NextCounter { get; set; }
        public int NextRobot { get; set; }
    }

    private sealed class CounterRt(int index, string deviceId, string label, string[] services)
    {
        public int Index { get; } = index;
        public string DeviceId { get; } = deviceId;
        public string Label { get; } = label;
        public string[] Services { get; } = services;
        public string Status { get; set; } = CounterStatuses.Closed;
        public Ticket? Current { get; set; }
        public bool PauseRequested { get; set; }
        public double PauseMinutes { get; set; }
        public bool Closing { get; set; }
        public bool HardClosing { get; set; }
        public bool BackOffice { get; set; }
        public DateTimeOffset FlexUntil { get; set; }
        public int Version { get; set; }
        public int SessionVersion { get; set; }
        public int DaySeq { get; set; }
        public int ServedToday { get; set; }
    }

    private sealed class RobotRt(int index, string deviceId)
    {
        public int Index { get; } = index;
        public string DeviceId { get; } = deviceId;
        public string Mode { get; set; } = "docked";
        public string? Issue { get; set; }
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
}
