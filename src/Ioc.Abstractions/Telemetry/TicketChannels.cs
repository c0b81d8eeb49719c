namespace Ioc.Telemetry;

public static class TicketChannels
{
    public static readonly IReadOnlyList<string> All = ["robot", "kiosk", "counter", "online"];
}
