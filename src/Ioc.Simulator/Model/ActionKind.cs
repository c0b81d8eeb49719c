namespace Ioc.Simulator.Model;

/// <summary>What a planned step of the day model does when its instant comes.</summary>
internal enum ActionKind
{
    PlanDay,
    TicketArrival,
    FlexCheck,
    FlexExpire,
    DeskOpen,
    DeskSessionEnd,
    DeskHardClose,
    DeskBreakStart,
    DeskBreakEnd,
    DeskReady,
    Recall,
    ServiceEnd,
    NoShow,
    DeskOutageStart,
    DeskOutageEnd,
    Rating,
    RobotStartDay,
    RobotEndDay,
    RobotArrive,
    RobotCharged,
    RobotFault,
    RobotFaultClear,
    RobotDelivery,
    RobotFleetFault,
    RobotFleetRecover,
    DossierReceive,
    DossierStep,
}
