using Ioc.Wards;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// What the screens call the region they run: Hanoi keeps its own words; a province is "the city"
/// (the six centrally run cities) or "the province"; <c>vn</c> is "the country". Layout titles may
/// hold <c>{scope}</c> ("Toàn thành phố", "Toàn tỉnh", "Toàn quốc").
/// </summary>
public static class RegionText
{
    private static bool IsHanoi(WardDirectory r) => r.Region == WardDirectory.HanoiRegion;

    private static string Kind(WardDirectory r) => r.IsCountry ? "country" : r.Provinces[0].IsCity ? "city" : "province";

    public static string Title(WallText t, WardDirectory r) =>
        IsHanoi(r) ? t["app.title"] : t.Format("region.title", Name(t, r));

    public static string Subtitle(WallText t, WardDirectory r) =>
        IsHanoi(r) ? t["app.subtitle"]
        : r.IsCountry ? t.Format("region.subtitleCountry", t.Count(r.All.Count), r.Provinces.Count)
        : t.Format("region.subtitle", t.Count(r.All.Count));

    /// <summary>The region by name: "Huế", "tỉnh Nghệ An", "Việt Nam".</summary>
    public static string Name(WallText t, WardDirectory r) =>
        r.IsCountry ? t["region.country"] : ProvinceName(t, r.Provinces[0]);

    public static string ProvinceName(WallText t, ProvinceInfo p) => p.IsCity ? p.Name : t.Format("region.provinceOf", p.Name);

    /// <summary>"Toàn thành phố", "Toàn tỉnh" or "Toàn quốc".</summary>
    public static string Scope(WallText t, WardDirectory r) => t["region.scope." + Kind(r)];

    public static string WallLink(WallText t, WardDirectory r) => IsHanoi(r) ? t["nav.wall"] : t["region.wall." + Kind(r)];

    /// <summary>A panel's title with <c>{scope}</c> filled in; a map without boundaries is titled for its tiles.</summary>
    public static string Title(PanelSpec panel, WallText t, WardDirectory r, bool hasMap = true)
    {
        if (!hasMap && panel.TitleVi is null && panel.TitleEn is null && panel.Kind is "map" or "urban-inset")
            return t[panel.Kind == "map" && r.IsCountry ? "panel.map.provinces" : $"panel.{panel.Kind}.tiles"];
        return panel.Title(t).Replace("{scope}", Scope(t, r), StringComparison.Ordinal);
    }
}
