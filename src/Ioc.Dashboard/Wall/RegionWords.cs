namespace Ioc.Dashboard.Wall;

/// <summary>The words of regions other than Hanoi, of the tiled walls and of the province page (vi, en).</summary>
internal static class RegionWords
{
    public static readonly IReadOnlyDictionary<string, string[]> Table = new Dictionary<string, string[]>
    {
        ["region.title"] = ["Trung tâm Điều hành Thông minh {0}", "{0} Intelligent Operations Center"],
        ["region.subtitle"] = ["{0} đơn vị cấp xã", "{0} commune-level units"],
        ["region.subtitleCountry"] = ["{0} đơn vị cấp xã · {1} tỉnh, thành phố", "{0} commune-level units · {1} provinces"],
        ["region.scope.city"] = ["Toàn thành phố", "The city"],
        ["region.scope.province"] = ["Toàn tỉnh", "The province"],
        ["region.scope.country"] = ["Toàn quốc", "The country"],
        ["region.wall.city"] = ["Toàn thành phố", "City wall"],
        ["region.wall.province"] = ["Toàn tỉnh", "Province wall"],
        ["region.wall.country"] = ["Toàn quốc", "Country wall"],
        ["region.provinceOf"] = ["tỉnh {0}", "{0} Province"],
        ["region.country"] = ["Việt Nam", "Viet Nam"],

        ["type.special"] = ["Đặc khu", "Special zone"],
        ["rank.filter.special"] = ["Đặc khu", "Special zones"],
        ["rank.typePlural.special"] = ["đặc khu", "special zones"],

        ["fig.filedElsewhere"] = ["Hồ sơ nộp ngoài địa bàn", "Filed outside their unit"],
        ["fig.takenIn"] = ["Tiếp nhận hộ đơn vị khác", "Taken in for other units"],

        ["panel.map.tiles"] = ["Các đơn vị cấp xã", "The commune-level units"],
        ["panel.map.provinces"] = ["34 tỉnh, thành phố", "The 34 provinces"],
        ["panel.urban-inset.tiles"] = ["Đơn vị theo loại và trạng thái", "Units by type and status"],
        ["tiles.units"] = ["{0} đơn vị", "{0} units"],
        ["tiles.worst"] = ["Cần chú ý", "Needs attention"],
        ["tiles.allOk"] = ["Không có đơn vị nào cần chú ý", "No unit needs attention"],
        ["tiles.type"] = ["Loại", "Type"],
        ["tiles.total"] = ["Tổng", "Total"],
        ["tiles.open"] = ["Mở tỉnh, thành phố", "Open the province"],
        ["province.back"] = ["← Toàn quốc", "← Country wall"],
        ["province.notFound"] = ["Không có tỉnh, thành phố mã", "No province with code"],
        ["province.units"] = ["Các đơn vị cấp xã", "Commune-level units"],
    };
}
