namespace Ioc.Telemetry;

/// <summary>Event types of telemetry v1.</summary>
public static class EventTypes
{
    public const string RobotState = "robot.state";
    public const string CounterState = "counter.state";
    public const string TicketIssued = "ticket.issued";
    public const string TicketCalled = "ticket.called";
    public const string TicketServed = "ticket.served";
    public const string TicketNoShow = "ticket.noshow";
    public const string RatingSubmitted = "rating.submitted";
    public const string DossierReceived = "dossier.received";
    public const string DossierPaused = "dossier.paused";
    public const string DossierResumed = "dossier.resumed";
    public const string DossierResolved = "dossier.resolved";

    public static readonly IReadOnlyList<string> All =
    [
        RobotState, CounterState, TicketIssued, TicketCalled, TicketServed, TicketNoShow,
        RatingSubmitted, DossierReceived, DossierPaused, DossierResumed, DossierResolved,
    ];

    public static bool IsState(string type) => type is RobotState or CounterState;
}
