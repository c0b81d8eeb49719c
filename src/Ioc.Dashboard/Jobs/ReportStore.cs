using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ioc.Dashboard.Jobs;

/// <summary>Daily reports as CSV files under <c>{DataPath}/reports/{yyyy-MM-dd}/</c>.</summary>
public sealed partial class ReportStore(IConfiguration config)
{
    public const string CityFile = "city";

    private string Root => Path.Combine(Hosting.IocCenter.DataPath(config), "reports");

    [GeneratedRegex("^(city|[0-9]{5})$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public async Task Write(DateOnly day, string name, string csv)
    {
        if (!IsValidName(name)) throw new ArgumentException($"Bad report name '{name}'.", nameof(name));
        var dir = Path.Combine(Root, Day(day));
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, name + ".csv.tmp");
        // UTF-8 with BOM so spreadsheet programs show the Vietnamese headers correctly.
        await File.WriteAllTextAsync(tmp, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.Move(tmp, Path.Combine(dir, name + ".csv"), overwrite: true);
    }

    public string? PathOf(DateOnly day, string name) =>
        IsValidName(name) && File.Exists(Path.Combine(Root, Day(day), name + ".csv")) ? Path.Combine(Root, Day(day), name + ".csv") : null;

    /// <summary>The newest day that has a report of <paramref name="name"/> (a ward code or <c>city</c>), or null.</summary>
    public DateOnly? NewestDay(string name) =>
        List().Where(d => d.Names.Contains(name, StringComparer.Ordinal)).Select(d => (DateOnly?)d.Day).FirstOrDefault();

    /// <summary>Where a report is downloaded: <c>/api/v1/reports/{yyyy-MM-dd}/{name}.csv</c>.</summary>
    public static string UrlOf(DateOnly day, string name) => $"/api/v1/reports/{Day(day)}/{name}.csv";

    public IReadOnlyList<(DateOnly Day, IReadOnlyList<string> Names)> List()
    {
        if (!Directory.Exists(Root)) return [];
        return [.. Directory.GetDirectories(Root)
            .Select(d => (Ok: DateOnly.TryParseExact(Path.GetFileName(d), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day), Day: day, Dir: d))
            .Where(x => x.Ok)
            .OrderByDescending(x => x.Day)
            .Select(x => (x.Day, (IReadOnlyList<string>)[.. Directory.GetFiles(x.Dir, "*.csv").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]))];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
