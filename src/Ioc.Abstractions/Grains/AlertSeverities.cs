namespace Ioc.Grains;

public static class AlertSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public static readonly IReadOnlyList<string> All = [Info, Warning, Critical];

    public static int Rank(string severity) => severity switch { Critical => 2, Warning => 1, _ => 0 };
}
