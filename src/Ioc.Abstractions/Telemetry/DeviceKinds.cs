namespace Ioc.Telemetry;

public static class DeviceKinds
{
    public const string Robot = "robot";
    public const string Counter = "counter";
    public const string Kiosk = "kiosk";
    public const string DossierSystem = "dossier-system";

    public static readonly IReadOnlyList<string> All = [Robot, Counter, Kiosk, DossierSystem];
}
