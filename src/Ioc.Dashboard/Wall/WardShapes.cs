using System.Globalization;
using System.Text;
using System.Text.Json;
using Ioc.Wards;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// The 126 boundaries of <c>wwwroot/data/hanoi-wards.geojson</c> (simplified, feature id = unit
/// code; embedded in the assembly too) projected once for SVG: equirectangular, longitude scaled
/// by cos 21°, 1,000 units wide. The urban core inset is the bounding box of the phường within
/// <see cref="CoreRadiusKm"/> of Hoàn Kiếm (48 of the 51: Sơn Tây, Tùng Thiện and Chương Mỹ lie
/// far out and are large enough to read on the city map).
/// </summary>
public sealed class WardShapes
{
    public const string ResourceName = "Ioc.Dashboard.hanoi-wards.geojson";
    public const double CoreRadiusKm = 16;
    private const string CentreCode = "00070";
    private const double Width = 1000;
    private static readonly double LonScale = Math.Cos(21.0 * Math.PI / 180);

    /// <summary>A region without boundaries (anywhere but Hanoi): its units are shown as tiles, not a map.</summary>
    public static readonly WardShapes None = new([], (0, 0, Width, Width), (0, 0, Width, Width), new HashSet<string>());

    public WardShapes(IReadOnlyList<WardShape> all, (double X, double Y, double W, double H) full, (double X, double Y, double W, double H) inset,
        IReadOnlySet<string> core)
    {
        Core = core;
        All = all;
        ByCode = all.ToDictionary(s => s.Code, StringComparer.Ordinal);
        ViewBox = Box(full);
        InsetViewBox = Box(inset);
        Inset = all.Where(s => s.MaxX >= inset.X && s.MinX <= inset.X + inset.W && s.MaxY >= inset.Y && s.MinY <= inset.Y + inset.H).ToList();
        InsetScale = full.W / inset.W;
        InsetRect = inset;
        InsetLabelSize = Math.Round(inset.W / 55, 1);
    }

    /// <summary>Every unit of the region has a boundary, so the wall draws a map.</summary>
    public bool HasMap => All.Count > 0;

    /// <summary>All units, in the ward directory's order.</summary>
    public IReadOnlyList<WardShape> All { get; }

    public IReadOnlyDictionary<string, WardShape> ByCode { get; }

    public string ViewBox { get; }

    /// <summary>The central phường the inset is zoomed on.</summary>
    public IReadOnlySet<string> Core { get; }

    /// <summary>The urban core: every unit that shows inside its box (the 51 phường and their edge neighbours).</summary>
    public IReadOnlyList<WardShape> Inset { get; }

    public string InsetViewBox { get; }

    /// <summary>The inset's box in map units, to outline it on the city map.</summary>
    public (double X, double Y, double W, double H) InsetRect { get; }

    /// <summary>Label size in map units that reads well at the inset's zoom.</summary>
    public double InsetLabelSize { get; }

    /// <summary>How much larger the inset draws the core than the city map.</summary>
    public double InsetScale { get; }

    private static double DistanceKm(WardInfo a, WardInfo b) =>
        Math.Sqrt(Math.Pow((a.CentroidLon!.Value - b.CentroidLon!.Value) * 111.32 * LonScale, 2) + Math.Pow((a.CentroidLat!.Value - b.CentroidLat!.Value) * 110.57, 2));

    private static string Box((double X, double Y, double W, double H) b) =>
        string.Create(CultureInfo.InvariantCulture, $"{b.X:0.#} {b.Y:0.#} {b.W:0.#} {b.H:0.#}");

    /// <summary>The region's map when the shipped boundaries cover every one of its units (Hanoi), else <see cref="None"/>.</summary>
    public static WardShapes For(WardDirectory directory)
    {
        if (directory.All.Any(w => w.CentroidLon is null)) return None;
        using var stream = typeof(WardShapes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Parse(stream, directory);
    }

    public static WardShapes Parse(Stream geojson, WardDirectory directory)
    {
        using var doc = JsonDocument.Parse(geojson);
        var rings = new Dictionary<string, List<List<(double Lon, double Lat)>>>(StringComparer.Ordinal);
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = f.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()!
                : f.GetProperty("properties").GetProperty("code").GetString()!;
            var geometry = f.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            List<JsonElement> polygons = geometry.GetProperty("type").GetString() == "Polygon" ? [coordinates] : [.. coordinates.EnumerateArray()];
            var list = rings.TryGetValue(code, out var l) ? l : rings[code] = [];
            foreach (var polygon in polygons)
                foreach (var ring in polygon.EnumerateArray())
                    list.Add([.. ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))]);
        }

        var missing = directory.All.Where(w => !rings.ContainsKey(w.Code)).Select(w => w.Code).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"The ward boundaries lack {string.Join(", ", missing)}.");

        var points = rings.Values.SelectMany(r => r).SelectMany(r => r).ToList();
        double minLon = points.Min(p => p.Lon), maxLon = points.Max(p => p.Lon), minLat = points.Min(p => p.Lat), maxLat = points.Max(p => p.Lat);
        var scale = Width / ((maxLon - minLon) * LonScale);
        (double X, double Y) Project(double lon, double lat) => ((lon - minLon) * LonScale * scale, (maxLat - lat) * scale);

        var shapes = new List<WardShape>();
        foreach (var w in directory.All)
        {
            var sb = new StringBuilder();
            double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
            foreach (var ring in rings[w.Code])
            {
                for (var i = 0; i < ring.Count; i++)
                {
                    var (x, y) = Project(ring[i].Lon, ring[i].Lat);
                    x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y);
                    sb.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',')
                        .Append(y.ToString("0.#", CultureInfo.InvariantCulture));
                }
                sb.Append('Z');
            }
            var (lx, ly) = Project(w.CentroidLon!.Value, w.CentroidLat!.Value);
            shapes.Add(new WardShape(w.Code, w.Name, w.FullName, w.Type, sb.ToString(), x0, y0, x1, y1, lx, ly));
        }

        var height = (maxLat - minLat) * scale;
        const double pad = 6;
        var centre = directory.Find(CentreCode) ?? directory.All[0];
        var core = directory.All.Where(w => w.Type == "ward" && DistanceKm(w, centre) <= CoreRadiusKm)
            .Select(w => shapes.First(s => s.Code == w.Code)).ToList();
        double cx0 = core.Min(s => s.MinX), cy0 = core.Min(s => s.MinY), cx1 = core.Max(s => s.MaxX), cy1 = core.Max(s => s.MaxY);
        var corePad = Math.Max(cx1 - cx0, cy1 - cy0) * 0.02;
        return new WardShapes(shapes, (-pad, -pad, Width + 2 * pad, height + 2 * pad),
            (cx0 - corePad, cy0 - corePad, cx1 - cx0 + 2 * corePad, cy1 - cy0 + 2 * corePad),
            core.Select(s => s.Code).ToHashSet(StringComparer.Ordinal));
    }
}
