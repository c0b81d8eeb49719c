using System.Text.Json.Serialization;

namespace Ioc.Simulator.Model;

/// <summary>
/// An open dossier and its planned future: the part of the simulator's schedule that outlives a
/// day and therefore a restart (persisted in simulator-state.json).
/// </summary>
public sealed class DossierRecord
{
    public required string Id { get; init; }
    public required string Ward { get; init; }
    public required string Service { get; init; }
    public required string Procedure { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The legal return date as sent in dossier.received (before pauses).</summary>
    public required DateTimeOffset DueAt { get; init; }

    public DateTimeOffset? PauseAt { get; set; }
    public DateTimeOffset? ResumeAt { get; set; }
    public required DateTimeOffset ResolveAt { get; set; }
    public DossierStage Stage { get; set; }

    /// <summary>When the next step (pause, resume or resolution) is planned.</summary>
    [JsonIgnore]
    public DateTimeOffset NextStepAt => Stage switch
    {
        DossierStage.Open when PauseAt is { } p => p,
        DossierStage.Paused when ResumeAt is { } r => r,
        _ => ResolveAt,
    };

    /// <summary>Moves every step still ahead later by <paramref name="delta"/> (keeps their order and the pause length).</summary>
    public void ShiftRemaining(TimeSpan delta)
    {
        if (delta <= TimeSpan.Zero) return;
        if (Stage == DossierStage.Open && PauseAt is not null) PauseAt += delta;
        if (Stage is DossierStage.Open or DossierStage.Paused && ResumeAt is not null) ResumeAt += delta;
        ResolveAt += delta;
    }
}
