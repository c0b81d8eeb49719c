namespace Ioc.Grains;

/// <summary>What a grain did with a batch: applied events and ignored repeats.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplyResult([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates)
{
    public static readonly ApplyResult Empty = new(0, 0);
    public ApplyResult Add(ApplyResult other) => new(Accepted + other.Accepted, Duplicates + other.Duplicates);
}
