using Ioc.Simulator.Network;

namespace Ioc.Simulator;

/// <summary>
/// Whoever watches the center's staffing advice during a simulated day (a ward chief who accepts advice as it
/// appears): told what reached the center at each step, answers the orders the desks then follow.
/// </summary>
public interface IStaffingChief
{
    IEnumerable<StaffingOrder> Follow(DateTimeOffset now, IReadOnlyList<Delivery> delivered);
}
