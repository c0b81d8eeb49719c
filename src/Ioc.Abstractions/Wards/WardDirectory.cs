using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ioc.Wards;

/// <summary>
/// The units the center runs (its "wards"), chosen by <c>Ioc:Region</c>: <c>hanoi</c> (the default:
/// Hanoi's 126 units, with their boundaries), a province code of the country list (its units), or
/// <c>vn</c> (all 3,321 units of the 34 provinces). Both lists are shipped inside the assembly, so
/// every process (silo, ingest, dashboard, simulator) rejects the same unknown codes. One instance
/// per host, provided by dependency injection: nothing here is process-global, so one test process
/// may host two regions side by side.
/// </summary>
public sealed class WardDirectory
{
    public const string ConfigKey = "Ioc:Region";
    public const string HanoiRegion = "hanoi";
    public const string CountryRegion = "vn";
    public const string HanoiProvince = "01";

    // The parsed files are immutable; parsing them once per process is a cache, not state.
    private static readonly Lazy<IReadOnlyList<WardInfo>> HanoiRows = new(() => Embedded("Ioc.Reference.hanoi-wards.csv"));
    private static readonly Lazy<IReadOnlyList<WardInfo>> CountryRows = new(() => Embedded("Ioc.Reference.vietnam-communes-2025.csv"));

    private readonly FrozenDictionary<string, WardInfo> _byCode;
    private readonly FrozenDictionary<string, ProvinceInfo> _provinces;

    public WardDirectory(IReadOnlyList<WardInfo> wards, string region = HanoiRegion, string? name = null, string? nameEn = null)
    {
        All = wards;
        Region = region;
        _byCode = wards.ToFrozenDictionary(w => w.Code, StringComparer.Ordinal);
        Provinces = [.. wards.GroupBy(w => w.ProvinceCode, StringComparer.Ordinal).Select(g => new ProvinceInfo(g.Key, g.First().ProvinceName, [.. g]))];
        _provinces = Provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        Name = name ?? (Provinces.Count == 1 ? Provinces[0].Name : region);
        NameEn = nameEn ?? Name;
    }

    /// <summary>What <c>Ioc:Region</c> said: "hanoi", a province code such as "46", or "vn".</summary>
    public string Region { get; }

    /// <summary>The region's name for people (a province's name, or "Việt Nam").</summary>
    public string Name { get; }

    public string NameEn { get; }

    /// <summary>The whole country: the wall opens on its provinces.</summary>
    public bool IsCountry => Provinces.Count > 1;

    /// <summary>The units in the data file's order.</summary>
    public IReadOnlyList<WardInfo> All { get; }

    /// <summary>The provinces the units belong to (one, unless the region is the country), in the data file's order.</summary>
    public IReadOnlyList<ProvinceInfo> Provinces { get; }

    public bool Contains(string? code) => code is not null && _byCode.ContainsKey(code);

    public WardInfo? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var w) ? w : null;

    public WardInfo Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Unknown ward code '{code}'.");

    public ProvinceInfo? FindProvince(string? code) => code is not null && _provinces.TryGetValue(code, out var p) ? p : null;

    /// <summary>The region <c>Ioc:Region</c> names (default <c>hanoi</c>).</summary>
    public static WardDirectory FromConfiguration(IConfiguration config) => Load(config[ConfigKey]);

    /// <summary>Every province code of the country list, for messages and tests.</summary>
    public static IReadOnlyList<string> ProvinceCodes => [.. CountryRows.Value.Select(w => w.ProvinceCode).Distinct()];

    /// <summary>Loads a region: "hanoi" (or empty), a province code, or "vn"; anything else is refused with the choices.</summary>
    public static WardDirectory Load(string? region)
    {
        var key = string.IsNullOrWhiteSpace(region) ? HanoiRegion : region.Trim().ToLowerInvariant();
        if (key == HanoiRegion) return new WardDirectory(HanoiRows.Value, HanoiRegion, "Hà Nội", "Hanoi");
        if (key == CountryRegion) return new WardDirectory(WithHanoiGeography(CountryRows.Value), CountryRegion, "Việt Nam", "Viet Nam");
        var units = CountryRows.Value.Where(w => w.ProvinceCode == key).ToList();
        if (units.Count == 0)
            throw new ArgumentException(
                $"{ConfigKey} '{region}' is not a region: use '{HanoiRegion}', '{CountryRegion}' or a province code ({string.Join(", ", ProvinceCodes)}).");
        return new WardDirectory(WithHanoiGeography(units), key);
    }

    /// <summary>The country list has no geography; Hanoi's units take theirs from Hanoi's own list (same codes).</summary>
    private static List<WardInfo> WithHanoiGeography(IEnumerable<WardInfo> units)
    {
        var hanoi = HanoiRows.Value.ToDictionary(w => w.Code, StringComparer.Ordinal);
        return [.. units.Select(w => hanoi.TryGetValue(w.Code, out var h)
            ? w with { AreaKm2 = h.AreaKm2, CentroidLon = h.CentroidLon, CentroidLat = h.CentroidLat }
            : w)];
    }

    private static List<WardInfo> Embedded(string resource)
    {
        using var stream = typeof(WardDirectory).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded ward list {resource} is missing.");
        using var reader = new StreamReader(stream);
        return ParseCsv(reader);
    }

    /// <summary>
    /// Reads either reference CSV (no quoted fields in them; bbox is space separated): Hanoi's list
    /// with area and centroid, or the country's with province code and name.
    /// </summary>
    public static List<WardInfo> ParseCsv(TextReader reader)
    {
        var header = (reader.ReadLine() ?? throw new InvalidDataException("Empty ward list.")).Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"Ward list has no column '{name}'.");
        int Optional(string name) => Array.IndexOf(header, name);
        int code = Col("code"), name = Col("name"), full = Col("full_name"), en = Col("name_en"), type = Col("type"),
            area = Optional("area_km2"), lon = Optional("centroid_lon"), lat = Optional("centroid_lat"),
            province = Optional("province_code"), provinceName = Optional("province_name");
        double? Num(string[] f, int i) => i >= 0 ? double.Parse(f[i], CultureInfo.InvariantCulture) : null;
        var list = new List<WardInfo>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            list.Add(new WardInfo(f[code], f[name], f[full], f[en], f[type], Num(f, area), Num(f, lon), Num(f, lat),
                province >= 0 ? f[province] : HanoiProvince, provinceName >= 0 ? f[provinceName] : "Hà Nội"));
        }
        return list;
    }
}
