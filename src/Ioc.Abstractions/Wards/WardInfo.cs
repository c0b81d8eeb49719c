namespace Ioc.Wards;

/// <summary>
/// One commune-level unit (phường, xã or đặc khu) from the official list. Area and centroid are
/// known for Hanoi's units only (the boundary data covers Hanoi); elsewhere they are null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WardInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string FullName,
    [property: Id(3)] string NameEn,
    [property: Id(4)] string Type,
    [property: Id(5)] double? AreaKm2,
    [property: Id(6)] double? CentroidLon,
    [property: Id(7)] double? CentroidLat,
    [property: Id(8)] string ProvinceCode = WardDirectory.HanoiProvince,
    [property: Id(9)] string ProvinceName = "Hà Nội");
