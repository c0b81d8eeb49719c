namespace Ioc.Silo.Wards;

/// <summary>
/// What a ward learned on earlier days weighs this much less each night (service times, arrivals,
/// desks opened on demand, the forecast's correction), so its recent practice weighs most.
/// </summary>
public static class NightlyDecay
{
    public const double Factor = 0.75;
}
