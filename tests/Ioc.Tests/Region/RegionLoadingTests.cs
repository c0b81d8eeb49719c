using Ioc.Wards;

namespace Ioc.Tests.Region;

/// <summary>
/// <c>Ioc:Region</c> picks the units: Hanoi (the default), a province, or the whole country. The
/// counts per type are worked out here from the data file itself; two regions run side by side in
/// one test process, each host with its own directory.
/// </summary>
public sealed class RegionLoadingTests
{
    private static Dictionary<string, int> TypesOf(IEnumerable<CountryList.Unit> units) =>
        units.GroupBy(u => u.Type).ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> TypesOf(WardDirectory d) => d.All.GroupBy(w => w.Type).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Hanoi_is_the_default_with_its_126_units_and_their_geography()
    {
        var hanoi = WardDirectory.Load(null);
        Assert.Equal(WardDirectory.HanoiRegion, hanoi.Region);
        Assert.Equal(TypesOf(CountryList.Of("01")), TypesOf(hanoi));
        Assert.Equal(new Dictionary<string, int> { ["ward"] = 51, ["commune"] = 75 }, TypesOf(hanoi));
        Assert.All(hanoi.All, w => Assert.NotNull(w.CentroidLon));
        Assert.False(hanoi.IsCountry);
    }

    [Theory]
    [InlineData("46")] // Huế
    [InlineData("22")] // Quảng Ninh, with two đặc khu
    [InlineData("79")] // Hồ Chí Minh, the largest
    public void A_province_code_gives_its_units_with_names_types_and_codes_from_the_data_file(string province)
    {
        var region = WardDirectory.Load(province);
        var expected = CountryList.Of(province).ToList();
        Assert.Equal(expected.Select(u => (u.Code, u.Name, u.FullName, u.Type)), region.All.Select(w => (w.Code, w.Name, w.FullName, w.Type)));
        Assert.Equal(TypesOf(expected), TypesOf(region));
        var only = Assert.Single(region.Provinces);
        Assert.Equal((province, expected[0].ProvinceName), (only.Code, only.Name));
        Assert.Equal(expected[0].ProvinceName, region.Name);
    }

    [Fact]
    public void Vn_is_every_unit_of_the_34_provinces()
    {
        var vn = WardDirectory.Load("vn");
        Assert.True(vn.IsCountry);
        Assert.Equal(3321, CountryList.Units.Count);
        Assert.Equal(TypesOf(CountryList.Units), TypesOf(vn));
        Assert.Equal(CountryList.Units.Select(u => u.Province).Distinct(), vn.Provinces.Select(p => p.Code));
        Assert.Equal(34, vn.Provinces.Count);
        foreach (var p in vn.Provinces) Assert.Equal(CountryList.Of(p.Code).Select(u => u.Code), p.Units.Select(u => u.Code));
        // Hanoi's units keep their geography inside the country list.
        Assert.All(vn.FindProvince("01")!.Units, w => Assert.NotNull(w.CentroidLat));
    }

    [Fact]
    public void An_unknown_region_is_refused_with_the_choices()
    {
        var e = Assert.Throws<ArgumentException>(() => WardDirectory.Load("hue"));
        Assert.Contains("Ioc:Region 'hue'", e.Message);
        Assert.Contains("46", e.Message);
    }

    private sealed class RegionHost(string region) : CenterHost
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(WardDirectory.ConfigKey, region)];
    }

    [Fact]
    public async Task Two_regions_run_side_by_side_in_one_process_each_with_its_own_units()
    {
        await using var hanoi = new CenterHost();
        await using var hue = new RegionHost("46");
        await hanoi.InitializeAsync();
        await hue.InitializeAsync();

        var hanoiWards = (await hanoi.Get("/api/v1/wards")).EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToList();
        var hueWards = await hue.Get("/api/v1/wards");
        Assert.Equal(CountryList.Of("01").Select(u => u.Code), hanoiWards);
        Assert.Equal(CountryList.Of("46").Select(u => (u.Code, u.Type)),
            hueWards.EnumerateArray().Select(w => (w.GetProperty("code").GetString()!, w.GetProperty("type").GetString()!)));

        // A Huế unit is a ward in Huế and unknown in Hanoi, at the door and in the read API.
        var hueUnit = CountryList.Of("46").First().Code;
        var kiosk = await hue.Provision("hue-kiosk", "kiosk", hueUnit);
        await hue.PostAccepted(kiosk, Ioc.Testing.Telemetry.Issued("hue-kiosk", hueUnit, hue.Now, "A001", "ho-tich", "kiosk"));
        Assert.Equal(1, (await hue.Get($"/api/v1/wards/{hueUnit}")).GetProperty("waiting").GetInt32());
        var refused = await hanoi.Send(HttpMethod.Post, "/api/v1/devices", await hanoi.AdminToken(), new { deviceId = "x-kiosk", kind = "kiosk", ward = hueUnit });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"unknown ward code '{hueUnit}'", await refused.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await hanoi.Send(HttpMethod.Get, $"/api/v1/wards/{hueUnit}", await hanoi.AdminToken())).StatusCode);
    }
}
