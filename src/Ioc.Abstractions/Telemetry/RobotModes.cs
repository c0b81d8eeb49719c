namespace Ioc.Telemetry;

public static class RobotModes
{
    public static readonly IReadOnlyList<string> All = ["idle", "guiding", "delivering", "charging", "docked", "error", "emergency"];
}
