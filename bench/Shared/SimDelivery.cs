using Ioc.Grains;
using Ioc.Simulator.Model;

namespace Ioc.Bench;

/// <summary>A simulator event as the center takes it in: a desk's state as the desk board sees it, a business event as the ledger does.</summary>
internal static class SimDelivery
{
    public static CounterView ToCounterView(this SimEvent e) =>
        new(e.Counter!, e.Status!, [.. e.Services ?? []], null, 0, e.Ts, true, e.DeviceId);

    public static BusinessEvent ToBusinessEvent(this SimEvent e) =>
        new(e.Id, e.Type, e.Ts, e.DeviceId, e.Ticket, e.Service, e.Channel, e.Counter, e.Score, e.Dossier,
            e.Procedure, e.DueAt, e.Digitized, e.ReceivedAt);
}
