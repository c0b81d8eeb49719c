namespace Ioc.Grains;

public static class AlertStates
{
    public const string Open = "open";
    public const string Escalated = "escalated";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public static readonly IReadOnlyList<string> All = [Open, Escalated, Acknowledged, Resolved];

    public static bool IsActive(string state) => state is not Resolved;
}
