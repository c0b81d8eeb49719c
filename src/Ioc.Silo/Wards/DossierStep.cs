namespace Ioc.Silo.Wards;

/// <summary>What happened to a dossier; the order is the tie-break for events with the same <c>ts</c>.</summary>
public enum DossierStep : byte { Received, Paused, Resumed, Resolved }
