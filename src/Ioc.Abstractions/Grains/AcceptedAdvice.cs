namespace Ioc.Grains;

/// <summary>A staffing advice a ward chief or city leader accepted: who, when, and the advice as it was shown.</summary>
[GenerateSerializer, Immutable]
public sealed record AcceptedAdvice(
    [property: Id(0)] string Ward,
    [property: Id(1)] StaffingAdvice Advice,
    [property: Id(2)] string AcceptedBy,
    [property: Id(3)] DateTimeOffset AcceptedAt)
{
    /// <summary>The move still holds (its hour is not over).</summary>
    public bool InForce(DateTimeOffset now) => now < Advice.Until;
}
