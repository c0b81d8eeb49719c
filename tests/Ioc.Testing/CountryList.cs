namespace Ioc.Testing;

/// <summary>
/// The shipped country list (src/Ioc.Abstractions/Reference/vietnam-communes-2025.csv) read the
/// plain way, for tests to compute what a region must hold without calling the center's parser.
/// </summary>
public static class CountryList
{
    public sealed record Unit(string Code, string Name, string FullName, string Type, string Province, string ProvinceName);

    public static IReadOnlyList<Unit> Units { get; } = Read();

    private static List<Unit> Read()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ioc.sln"))) dir = dir.Parent;
        var file = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Ioc.sln not found above the tests"),
            "src", "Ioc.Abstractions", "Reference", "vietnam-communes-2025.csv");
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',').ToList();
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => new Unit(
            f[header.IndexOf("code")], f[header.IndexOf("name")], f[header.IndexOf("full_name")], f[header.IndexOf("type")],
            f[header.IndexOf("province_code")], f[header.IndexOf("province_name")]))];
    }

    public static IEnumerable<Unit> Of(string province) => Units.Where(u => u.Province == province);
}
