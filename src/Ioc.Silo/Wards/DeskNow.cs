namespace Ioc.Silo.Wards;

/// <summary>A desk as the wait estimator sees it now.</summary>
public readonly record struct DeskNow(
    string Label,
    string Status,
    bool Online,
    IReadOnlyList<string> Services,
    DateTimeOffset? StatusSince,
    DeskTicket? Current)
{
    /// <summary>An empty list of services means the desk takes any service.</summary>
    public bool Serves(string service) => Services.Count == 0 || Services.Contains(service);
}
