namespace Ioc.Grains;

public static class Roles
{
    public const string City = "city";
    public const string WardChief = "ward-chief";
    public const string Admin = "admin";
    public const string Device = "device";
    public static readonly IReadOnlyList<string> People = [City, WardChief, Admin];
}
