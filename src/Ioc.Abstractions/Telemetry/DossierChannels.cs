namespace Ioc.Telemetry;

public static class DossierChannels
{
    public static readonly IReadOnlyList<string> All = ["online", "in_person", "postal"];
}
