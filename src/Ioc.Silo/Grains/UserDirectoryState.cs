using Ioc.Grains;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class UserDirectoryState
{
    [Id(0)] public Dictionary<string, UserRecord> Users { get; set; } = new(StringComparer.Ordinal); // keyed by lower-case username
}
