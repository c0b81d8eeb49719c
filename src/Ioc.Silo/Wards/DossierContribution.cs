namespace Ioc.Silo.Wards;

/// <summary>
/// What one dossier adds to the days: its receipt to the day received (and, when a citizen filed it
/// at another ward's service point, which one), its resolution to the day resolved.
/// </summary>
public readonly record struct DossierContribution(
    DateOnly? ReceivedDay, bool Online, bool? Digitized,
    DateOnly? ResolvedDay, bool OnTime, string? ElsewhereAt = null)
{
    /// <param name="self">The responsible ward's code: a receipt "at" itself was not filed elsewhere.</param>
    public static DossierContribution Of(DossierFile file, string? self = null)
    {
        var t = DossierTimeline.Of(file.Events, asOf: null);
        if (t.Received is not { } r) return default;
        return new(Ioc.Time.HanoiTime.DayOf(r.Ts), r.Channel == "online", r.Digitized,
            t.ResolvedAt is { } at ? Ioc.Time.HanoiTime.DayOf(at) : null, t.OnTime == true,
            r.ReceivedAt is { } where && where != self ? where : null);
    }
}
