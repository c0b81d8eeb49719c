namespace Ioc.Telemetry;

public static class CounterStatuses
{
    public const string Open = "open";
    public const string Paused = "paused";
    public const string Closed = "closed";
    public static readonly IReadOnlyList<string> All = [Open, Paused, Closed];
}
