using System.Collections.Frozen;
using System.Globalization;

namespace Ioc.Wards;

/// <summary>One commune-level unit of Hanoi (phường or xã), from the official list.</summary>
[GenerateSerializer, Immutable]
public sealed record WardInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string FullName,
    [property: Id(3)] string NameEn,
    [property: Id(4)] string Type,
    [property: Id(5)] double AreaKm2,
    [property: Id(6)] double CentroidLon,
    [property: Id(7)] double CentroidLat);

/// <summary>
/// The 126 units Hanoi has run since 1 July 2025. Shipped inside the assembly so that every
/// process (silo, ingest, dashboard) rejects the same unknown codes.
/// </summary>
public sealed class WardDirectory
{
    public static WardDirectory Hanoi { get; } = LoadEmbedded();

    private readonly FrozenDictionary<string, WardInfo> _byCode;

    public WardDirectory(IReadOnlyList<WardInfo> wards)
    {
        All = wards;
        _byCode = wards.ToFrozenDictionary(w => w.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<WardInfo> All { get; }

    public bool Contains(string? code) => code is not null && _byCode.ContainsKey(code);

    public WardInfo? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var w) ? w : null;

    public WardInfo Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Unknown ward code '{code}'.");

    private static WardDirectory LoadEmbedded()
    {
        using var stream = typeof(WardDirectory).Assembly.GetManifestResourceStream("Ioc.Reference.hanoi-wards.csv")
            ?? throw new InvalidOperationException("Embedded ward list is missing.");
        using var reader = new StreamReader(stream);
        return new WardDirectory(ParseCsv(reader));
    }

    /// <summary>Reads the reference CSV (no quoted fields in it; bbox is space separated).</summary>
    public static List<WardInfo> ParseCsv(TextReader reader)
    {
        var header = (reader.ReadLine() ?? throw new InvalidDataException("Empty ward list.")).Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"Ward list has no column '{name}'.");
        int code = Col("code"), name = Col("name"), full = Col("full_name"), en = Col("name_en"), type = Col("type"),
            area = Col("area_km2"), lon = Col("centroid_lon"), lat = Col("centroid_lat");
        var list = new List<WardInfo>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            list.Add(new WardInfo(f[code], f[name], f[full], f[en], f[type],
                double.Parse(f[area], CultureInfo.InvariantCulture),
                double.Parse(f[lon], CultureInfo.InvariantCulture),
                double.Parse(f[lat], CultureInfo.InvariantCulture)));
        }
        return list;
    }
}
