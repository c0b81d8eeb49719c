namespace Ioc.Accounts;

/// <summary>
/// After ASP.NET Core Identity's lockout: <see cref="MaxFailures"/> wrong passwords within
/// <see cref="Duration"/> lock the account for <see cref="Duration"/>; a right one starts the count afresh.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LockoutRule([property: Id(0)] int MaxFailures, [property: Id(1)] TimeSpan Duration);
