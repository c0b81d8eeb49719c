namespace Ioc.Simulator.Model;

/// <summary>One planned step of the day model: its kind, its instant and what it is about.</summary>
internal sealed class SimAction(ActionKind kind)
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

    /// <summary>A fleet fault's mode: error, emergency or offline.</summary>
    public string? Mode { get; init; }

    public string? Id { get; init; }
    public string? Device { get; init; }
    public string? Ticket { get; init; }
    public string? Counter { get; init; }
    public int? Score { get; init; }
    public string? DossierId { get; init; }

    /// <summary>A ward chief's order to a desk (action DeskOrder).</summary>
    public StaffingOrder? Order { get; init; }
    public string? Channel { get; init; }
}
