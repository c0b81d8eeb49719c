namespace Ioc.Grains;

/// <summary>What accepting a staffing advice came to.</summary>
public enum AdviceOutcome { Accepted, NotFound, AlreadyAccepted }
