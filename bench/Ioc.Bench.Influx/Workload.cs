using System.Globalization;
using System.Text;
using Ioc.History;

namespace Ioc.Bench.Influx;

/// <summary>
/// The benchmark's points: one per ward in turn (126 series, like the wards of Hanoi), fields
/// <c>waiting</c> and <c>avgWait</c>, one millisecond apart per series so no point overwrites another.
/// </summary>
internal static class Workload
{
    public const int WardCount = 126;

    private static readonly string[] Wards =
        [.. Enumerable.Range(1, WardCount).Select(i => i.ToString("D5", CultureInfo.InvariantCulture))];

    public static Point Point(long index, DateTimeOffset start) =>
        new Point("ward")
            .Tag("ward", Wards[index % WardCount])
            .Field("waiting", (index * 7) % 50)
            .Field("avgWait", ((index * 13) % 600) / 10.0)
            .At(start.AddMilliseconds(index / WardCount));

    /// <summary>A ready-to-send /write body of <paramref name="count"/> points starting at <paramref name="first"/>.</summary>
    public static byte[] Body(long first, int count, DateTimeOffset start)
    {
        var sb = new StringBuilder(count * 64);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Point(first + i, start).ToLineProtocol()).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
