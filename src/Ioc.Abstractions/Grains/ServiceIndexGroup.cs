namespace Ioc.Grains;

/// <summary>
/// One group of the service index: its points out of <see cref="Max"/>, the share and counts they
/// come from, or, when there was nothing to count, why it is not measured (points and share null).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServiceIndexGroup(
    [property: Id(0)] string Group,
    [property: Id(1)] double Max,
    [property: Id(2)] double? Points,
    [property: Id(3)] double? Share,
    [property: Id(4)] int Counted,
    [property: Id(5)] int OutOf,
    [property: Id(6)] string? NotMeasured)
{
    public bool Measured => Points is not null;

    public static ServiceIndexGroup Of(string group, double max, int counted, int of, string reasonIfNone) =>
        of > 0
            ? new(group, max, max * counted / of, (double)counted / of, counted, of, null)
            : new(group, max, null, null, 0, 0, reasonIfNone);
}
