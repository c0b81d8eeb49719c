using Ioc.Silo.Wards;

namespace Ioc.Silo.Staffing;

/// <summary>What the staffing advisor reads: the queue now, the desks as they last told the ward, what it learned, and the moves already ordered.</summary>
public sealed record StaffingInput(
    DateTimeOffset Now,
    IReadOnlyCollection<WaitingKey> Waiting,
    IReadOnlyList<DeskNow> Desks,
    ServiceTimeModel Model,
    IReadOnlyList<DeskChange> InForce);
