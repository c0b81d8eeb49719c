namespace Ioc.Silo.Wards;

/// <summary>Where a dossier stands now, for the ward's counts and alerts.</summary>
public enum DossierClass : byte
{
    /// <summary>Events arrived, the receipt not yet: counts for nothing until it does.</summary>
    Pending,
    Resolved,
    /// <summary>Open, its clock stopped while the citizen supplements papers.</summary>
    Paused,
    Running,
    DueSoon,
    Overdue,
}
