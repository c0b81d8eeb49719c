namespace Ioc.Wards;

/// <summary>One of the 34 provinces (tỉnh or thành phố trực thuộc trung ương) and its units, in the data file's order.</summary>
public sealed record ProvinceInfo(string Code, string Name, IReadOnlyList<WardInfo> Units);
