namespace Ioc.Grains;

public static class SilenceStates
{
    public const string Scheduled = "scheduled";
    public const string Active = "active";
    public const string Ended = "ended";
    public static readonly IReadOnlyList<string> All = [Scheduled, Active, Ended];
}
