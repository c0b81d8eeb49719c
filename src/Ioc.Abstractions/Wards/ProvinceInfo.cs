namespace Ioc.Wards;

/// <summary>One of the 34 provinces (tỉnh or thành phố trực thuộc trung ương) and its units, in the data file's order.</summary>
public sealed record ProvinceInfo(string Code, string Name, IReadOnlyList<WardInfo> Units)
{
    /// <summary>One of the six cities run by the centre since 1 July 2025 (Hà Nội, Hải Phòng, Huế, Đà Nẵng, Hồ Chí Minh, Cần Thơ).</summary>
    public bool IsCity => Code is "01" or "31" or "46" or "48" or "79" or "92";
}
