namespace Ioc.Silo.Wards;

/// <summary>Where a ticket stands once its events are put in time order.</summary>
public enum TicketState : byte
{
    /// <summary>Desk events arrived, the robot's issue not yet.</summary>
    Unissued,
    Waiting,
    /// <summary>Called (last), neither served nor a no-show since.</summary>
    AtDesk,
    Served,
    NoShow,
}
