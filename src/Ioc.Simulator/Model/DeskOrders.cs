using Ioc.Telemetry;

namespace Ioc.Simulator.Model;

/// <summary>
/// What happens to a desk from outside the day's plan: a scenario's desk outage, and a ward chief's order
/// (accepted staffing advice) that opens or moves it for a while. An ordered desk finishes its citizen before
/// calling for its new services; at the order's end it goes back to its own services, and a desk the order
/// opened (outside its own session) closes after its citizen.
/// </summary>
internal sealed class DeskOrders(SimScheduler clock, HallSimulation desks)
{
    /// <summary>Scenario desk-outage: the desk stops calling and closes once its citizen is done.</summary>
    public void DeskOutageStart(Hall h, Desk d)
    {
        d.OutOfService = true;
        if (d.Status == CounterStatuses.Paused || (d.Status == CounterStatuses.Open && d.Current is null && !d.Turnover))
            desks.SetStatus(h, d, CounterStatuses.Closed);
    }

    public void DeskOutageEnd(Hall h, Desk d)
    {
        d.OutOfService = false;
        if (!d.InSession || d.IsFlex || d.Status != CounterStatuses.Closed) return;
        desks.SetStatus(h, d, CounterStatuses.Open);
        desks.BecomeFree(h, d);
    }

    /// <summary>The order takes effect at once; a desk out of service cannot follow it.</summary>
    public void Order(Hall h, Desk d, StaffingOrder order)
    {
        if (d.OutOfService || order.Until <= clock.Now) return;
        d.Services = order.Serves.Count == 0 ? [.. Catalog.Services] : [.. order.Serves];
        d.OrderUntil = order.Until;
        d.OrderVersion++;
        if (d.Status == CounterStatuses.Closed)
        {
            // A clerk is sent to a closed desk: it is open for the order's hour, then closes after its citizen.
            desks.SetStatus(h, d, CounterStatuses.Open);
            d.CloseAfterOrder = true;
            if (d.IsFlex) d.FlexUntil = order.Until;
        }
        else
        {
            // The desk tells the center what it serves now.
            clock.Emit(desks.CounterState(h, d, $"{d.DeviceId}-{h.DayTag}-{++d.DaySeq}"));
        }
        clock.Schedule(order.Until, new SimAction(ActionKind.DeskOrderEnd) { Ward = h.P.Index, Index = d.Index, Version = d.OrderVersion });
        if (d.Status == CounterStatuses.Open && d.Current is null && !d.Turnover) desks.BecomeFree(h, d);
    }

    public void OrderEnd(Hall h, Desk d, int version)
    {
        if (d.OrderVersion != version) return;
        d.Services = d.OwnServices;
        if (d.Status == CounterStatuses.Closed) return;
        if (d.CloseAfterOrder && d.Current is null && !d.Turnover) { desks.SetStatus(h, d, CounterStatuses.Closed); return; }
        clock.Emit(desks.CounterState(h, d, $"{d.DeviceId}-{h.DayTag}-{++d.DaySeq}"));
        if (d.Status == CounterStatuses.Open && d.Current is null && !d.Turnover) desks.BecomeFree(h, d);
    }
}
