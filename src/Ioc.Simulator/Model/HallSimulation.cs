using System.Globalization;
using Ioc.Telemetry;

namespace Ioc.Simulator.Model;

/// <summary>
/// Citizens and desks of every hall. The desk policy, which the center's wait estimate relies on
/// (README "Simulator scenarios", "Desks and queues"):
/// <list type="bullet">
/// <item>A desk that is open and free calls the OLDEST waiting ticket among the services it handles
/// now: first in, first out by issue time across its services. Tickets of other services are not its business.</item>
/// <item>A new ticket that several free desks could take is called by the desk that has been free the
/// longest (then the lowest label).</item>
/// <item>After each citizen (served or no-show) the clerk files for 10–40 s, then calls the next.</item>
/// <item>A called citizen who does not come up is called once more after about a minute (a second
/// <c>ticket.called</c>, same ticket and desk); some come then and are served, the others are marked
/// <c>ticket.noshow</c> about a minute later.</item>
/// <item>Breaks: a desk pauses (<c>counter.state</c> paused) for 5–12 min once its citizen is done and
/// calls nobody meanwhile; a break waits a quarter of an hour while its citizens have waited 10 min or more. Every change of a desk's status sends <c>counter.state</c>.</item>
/// <item>Sessions end at 12:00 and 17:00: a desk still serves whoever waits for its services (at most
/// 45 min more), closes at once when nobody does.</item>
/// <item>General desks serve every service: one opens when a citizen has waited
/// <see cref="WardProfile.FlexOpenAfterMinutes"/>, stays at least 30–60 min, then closes when nobody waits.</item>
/// </list>
/// </summary>
internal sealed class HallSimulation(SimScheduler clock, RobotSimulation robots, double serviceTimeCv)
{
    private const double AppRatingShare = 0.15;
    private static readonly TimeSpan HardCloseAfter = TimeSpan.FromMinutes(45);
    private static readonly TimeSpan BreakPostponedAfter = TimeSpan.FromMinutes(10);

    public void TicketArrival(Hall h, string service, bool online)
    {
        var si = Catalog.IndexOf(service);
        var number = $"{Catalog.TicketLetter(service)}{(++h.TicketNo[si]).ToString("D3", CultureInfo.InvariantCulture)}";
        var robot = online ? null : robots.IssuingRobot(h);
        var (device, channel) = online ? (h.P.KioskId, "online") : robot is not null ? (robot.DeviceId, "robot") : (h.P.KioskId, "kiosk");
        var ticket = new WaitingTicket(number, service, clock.Now, channel);
        clock.Emit(EventTypes.TicketIssued, TicketEventId(h, number, "i"), device, h.P.Code, e => e with { Ticket = number, Service = service, Channel = channel });
        h.Waiting.Add(ticket);
        if (robot is not null) robots.MaybeGuide(h, robot);
        if (h.Desks.Any(d => d.IsFlex))
            clock.Schedule(clock.Now + TimeSpan.FromMinutes(h.P.FlexOpenAfterMinutes), new SimAction(ActionKind.FlexCheck) { Ward = h.P.Index, Ticket = number });
        Dispatch(h);
    }

    /// <summary>Free desks call in the order they became free; each takes the oldest ticket it handles.</summary>
    private void Dispatch(Hall h)
    {
        if (h.Waiting.Count == 0) return;
        var free = h.Desks.Where(d => d.IsFree).OrderBy(d => d.FreeSince).ThenBy(d => d.Index).ToList();
        foreach (var d in free)
        {
            if (h.Waiting.Count == 0) return;
            if (h.OldestFor(d) is { } t) Call(h, d, t);
        }
    }

    private void Call(Hall h, Desk d, WaitingTicket t)
    {
        h.Waiting.Remove(t);
        d.Current = t;
        d.Step = DeskStep.Called;
        d.Version++;
        clock.Emit(EventTypes.TicketCalled, TicketEventId(h, t.Number, "c"), d.DeviceId, h.P.Code, e => e with { Ticket = t.Number, Counter = d.Label });
        if (h.Rng.Chance(HallRules.RecallShare))
            clock.Schedule(clock.Now + TimeSpan.FromSeconds(h.Rng.Uniform(HallRules.RecallWaitMinSeconds, HallRules.RecallWaitMaxSeconds)), new SimAction(ActionKind.Recall) { Ward = h.P.Index, Index = d.Index, Version = d.Version });
        else
            StartService(h, d);
    }

    private void StartService(Hall h, Desk d)
    {
        d.Step = DeskStep.Serving;
        var minutes = h.Rng.LogNormal(Catalog.MeanServiceMinutes(d.Current!.Service) * d.Speed, serviceTimeCv);
        clock.Schedule(clock.Now + TimeSpan.FromMinutes(minutes), new SimAction(ActionKind.ServiceEnd) { Ward = h.P.Index, Index = d.Index, Version = d.Version });
    }

    public void Recall(Hall h, Desk d, int version)
    {
        if (d.Version != version || d.Current is not { } t || d.Step != DeskStep.Called) return;
        d.Step = DeskStep.Recalled;
        clock.Emit(EventTypes.TicketCalled, TicketEventId(h, t.Number, "c2"), d.DeviceId, h.P.Code, e => e with { Ticket = t.Number, Counter = d.Label });
        if (h.Rng.Chance(HallRules.ServedAfterRecall)) StartService(h, d);
        else clock.Schedule(clock.Now + TimeSpan.FromSeconds(h.Rng.Uniform(HallRules.RecallWaitMinSeconds, HallRules.RecallWaitMaxSeconds)), new SimAction(ActionKind.NoShow) { Ward = h.P.Index, Index = d.Index, Version = d.Version });
    }

    public void ServiceEnd(Hall h, Desk d, int version)
    {
        if (d.Version != version || d.Current is not { } t || d.Step != DeskStep.Serving) return;
        clock.Emit(EventTypes.TicketServed, TicketEventId(h, t.Number, "s"), d.DeviceId, h.P.Code, e => e with { Ticket = t.Number, Counter = d.Label });
        MaybeRate(h, d, t);
        AfterCitizen(h, d);
    }

    public void NoShow(Hall h, Desk d, int version)
    {
        if (d.Version != version || d.Current is not { } t || d.Step != DeskStep.Recalled) return;
        clock.Emit(EventTypes.TicketNoShow, TicketEventId(h, t.Number, "n"), d.DeviceId, h.P.Code, e => e with { Ticket = t.Number, Counter = d.Label });
        AfterCitizen(h, d);
    }

    /// <summary>Some citizens rate at the desk's pad a minute later, a few in the iHanoi app in the evening (up to midnight).</summary>
    private void MaybeRate(Hall h, Desk d, WaitingTicket t)
    {
        if (!h.Rng.Chance(h.P.RatingShare)) return;
        var waited = (clock.Now - t.IssuedAt).TotalMinutes;
        double[] weights = waited > 30 ? [0.08, 0.12, 0.20, 0.35, 0.25] : [0.02, 0.03, 0.08, 0.27, 0.60];
        var score = 1 + h.Rng.PickWeighted(weights);
        var app = h.Rng.Chance(AppRatingShare);
        var at = app
            ? ArrivalProfile.AppRatings.SampleAfter(h.Day, clock.Now + TimeSpan.FromMinutes(10), h.Rng)
            : clock.Now + TimeSpan.FromSeconds(h.Rng.Uniform(10, 90));
        clock.Schedule(at, new SimAction(ActionKind.Rating)
        {
            Ward = h.P.Index,
            Id = TicketEventId(h, t.Number, "r"),
            Device = app ? h.P.KioskId : d.DeviceId,
            Ticket = t.Number,
            Counter = d.Label,
            Score = score,
        });
    }

    public void Rating(Hall h, SimAction a) =>
        clock.Emit(EventTypes.RatingSubmitted, a.Id!, a.Device!, h.P.Code, e => e with { Ticket = a.Ticket, Counter = a.Counter, Score = a.Score });

    private void AfterCitizen(Hall h, Desk d)
    {
        d.Current = null;
        if (ShouldClose(h, d)) { SetStatus(h, d, CounterStatuses.Closed); return; }
        if (d.BreakRequested) { StartBreak(h, d); return; }
        d.Turnover = true;
        d.Version++;
        clock.Schedule(clock.Now + TimeSpan.FromSeconds(h.Rng.Uniform(HallRules.FilingMinSeconds, HallRules.FilingMaxSeconds)), new SimAction(ActionKind.DeskReady) { Ward = h.P.Index, Index = d.Index, Version = d.Version });
    }

    public void DeskReady(Hall h, Desk d, int version)
    {
        if (d.Version != version || !d.Turnover) return;
        d.Turnover = false;
        if (d.BreakRequested) { StartBreak(h, d); return; }
        BecomeFree(h, d);
    }

    internal void BecomeFree(Hall h, Desk d)
    {
        if (ShouldClose(h, d)) { SetStatus(h, d, CounterStatuses.Closed); return; }
        d.FreeSince = clock.Now;
        Dispatch(h);
    }

    /// <summary>Out of service; end of session with nobody waiting for it (or 45 min over); a general desk whose time is up; a desk opened by an order whose hour is over.</summary>
    private bool ShouldClose(Hall h, Desk d) =>
        d.OutOfService
        || (d.CloseAfterOrder && clock.Now >= d.OrderUntil)
        || (d.Closing && (d.HardClosing || h.OldestFor(d) is null))
        || (d.IsFlex && !d.Closing && clock.Now >= d.FlexUntil && h.OldestFor(d) is null);

    public void DeskOpen(Hall h, Desk d)
    {
        d.InSession = true;
        if (d.OutOfService) return;
        // The desk's own clerk is here: it stays open for its session, whatever an order said.
        d.CloseAfterOrder = false;
        d.Closing = false;
        d.HardClosing = false;
        d.BreakRequested = false;
        if (d.Status != CounterStatuses.Open) SetStatus(h, d, CounterStatuses.Open);
        if (d.Current is null && !d.Turnover) BecomeFree(h, d);
    }

    public void DeskSessionEnd(Hall h, Desk d)
    {
        d.InSession = false;
        d.BreakRequested = false;
        if (d.Status == CounterStatuses.Closed) return;
        d.Closing = true;
        if (d.Status == CounterStatuses.Paused || (d.Current is null && !d.Turnover && h.OldestFor(d) is null))
        {
            SetStatus(h, d, CounterStatuses.Closed);
            return;
        }
        clock.Schedule(clock.Now + HardCloseAfter, new SimAction(ActionKind.DeskHardClose) { Ward = h.P.Index, Index = d.Index, Version = d.SessionVersion });
    }

    public void DeskHardClose(Hall h, Desk d, int sessionVersion)
    {
        if (d.SessionVersion != sessionVersion || !d.Closing || d.Status == CounterStatuses.Closed) return;
        if (d.Current is not null || d.Turnover) { d.HardClosing = true; return; }
        SetStatus(h, d, CounterStatuses.Closed);
    }

    public void DeskBreakStart(Hall h, Desk d, double minutes)
    {
        if (d.Status != CounterStatuses.Open || d.Closing || d.OutOfService || d.IsFlex) return;
        // Not while citizens of this desk have waited long: try again in a quarter of an hour.
        if (h.OldestFor(d) is { } oldest && clock.Now - oldest.IssuedAt >= BreakPostponedAfter)
        {
            if (clock.TimeOfDay < TimeSpan.FromMinutes(1000))
                clock.Schedule(clock.Now + TimeSpan.FromMinutes(15), new SimAction(ActionKind.DeskBreakStart) { Ward = h.P.Index, Index = d.Index, Minutes = minutes });
            return;
        }
        d.BreakMinutes = minutes;
        if (d.Current is not null || d.Turnover) { d.BreakRequested = true; return; }
        StartBreak(h, d);
    }

    private void StartBreak(Hall h, Desk d)
    {
        d.BreakRequested = false;
        d.Version++;
        SetStatus(h, d, CounterStatuses.Paused);
        clock.Schedule(clock.Now + TimeSpan.FromMinutes(d.BreakMinutes), new SimAction(ActionKind.DeskBreakEnd) { Ward = h.P.Index, Index = d.Index, Version = d.Version });
    }

    public void DeskBreakEnd(Hall h, Desk d, int version)
    {
        if (d.Version != version || d.Status != CounterStatuses.Paused) return;
        if (d.Closing || !d.InSession || d.OutOfService) { SetStatus(h, d, CounterStatuses.Closed); return; }
        SetStatus(h, d, CounterStatuses.Open);
        BecomeFree(h, d);
    }

    /// <summary>A citizen still waiting after <see cref="WardProfile.FlexOpenAfterMinutes"/> makes the ward open a general desk.</summary>
    public void FlexCheck(Hall h, string ticket)
    {
        if (!h.Waiting.Any(t => t.Number == ticket)) return;
        var tod = clock.TimeOfDay;
        var inSession = (tod >= WorkCalendar.MorningStart && tod < TimeSpan.FromMinutes(705)) || (tod >= WorkCalendar.AfternoonStart && tod < TimeSpan.FromMinutes(1005));
        if (!inSession) return;
        var d = h.Desks.FirstOrDefault(x => x.IsFlex && x.Status == CounterStatuses.Closed && !x.OutOfService);
        if (d is null) return;
        d.FlexUntil = clock.Now + TimeSpan.FromMinutes(h.Rng.Uniform(30, 60));
        d.Closing = false;
        d.HardClosing = false;
        d.InSession = true;
        SetStatus(h, d, CounterStatuses.Open);
        clock.Schedule(d.FlexUntil, new SimAction(ActionKind.FlexExpire) { Ward = h.P.Index, Index = d.Index });
        BecomeFree(h, d);
    }

    public void FlexExpire(Hall h, Desk d)
    {
        if (d.IsFree && !d.Closing && clock.Now >= d.FlexUntil && h.OldestFor(d) is null) SetStatus(h, d, CounterStatuses.Closed);
    }

    internal void SetStatus(Hall h, Desk d, string status)
    {
        if (status == CounterStatuses.Closed)
        {
            d.Closing = false;
            d.HardClosing = false;
            d.CloseAfterOrder = false;
            d.SessionVersion++;
        }
        if (d.Status == status) return;
        d.Status = status;
        clock.Emit(CounterState(h, d, $"{d.DeviceId}-{h.DayTag}-{++d.DaySeq}"));
        if (status == CounterStatuses.Closed) SweepOrphans(h, d);
    }

    /// <summary>At the end of the day, citizens still waiting for a service no desk serves any more go home.</summary>
    private void SweepOrphans(Hall h, Desk closing)
    {
        if (h.Waiting.Count == 0 || clock.TimeOfDay < TimeSpan.FromHours(16)) return;
        foreach (var t in h.Waiting.ToArray())
        {
            if (h.Desks.Any(o => o.Status != CounterStatuses.Closed && o.Handles(t.Service))) continue;
            h.Waiting.Remove(t);
            clock.Emit(EventTypes.TicketCalled, TicketEventId(h, t.Number, "c"), closing.DeviceId, h.P.Code, e => e with { Ticket = t.Number, Counter = closing.Label });
            clock.Emit(EventTypes.TicketNoShow, TicketEventId(h, t.Number, "n"), closing.DeviceId, h.P.Code, e => e with { Ticket = t.Number, Counter = closing.Label });
        }
    }

    public SimEvent CounterState(Hall h, Desk d, string id) => new()
    {
        Type = EventTypes.CounterState,
        Id = id,
        DeviceId = d.DeviceId,
        Ward = h.P.Code,
        Ts = clock.Now,
        Counter = d.Label,
        Status = d.Status,
        Services = d.Services,
    };

    private static string TicketEventId(Hall h, string ticket, string suffix) => $"{h.P.Code}-{h.DayTag}-{ticket}-{suffix}";
}
