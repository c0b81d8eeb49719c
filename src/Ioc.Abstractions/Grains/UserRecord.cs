namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record UserRecord(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Ward,
    [property: Id(4)] DateTimeOffset CreatedAt);
