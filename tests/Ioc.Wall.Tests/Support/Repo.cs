namespace Ioc.Wall.Tests.Support;

/// <summary>Files of the repository the tests run in.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Dashboards => Path.Combine(Root, "dashboards");

    /// <summary>A private copy of dashboards/ in a temporary folder.</summary>
    public static string CopyDashboards()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ioc-layouts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Dashboards, "*.json")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "dashboards", "wall.json")) && Directory.Exists(Path.Combine(d.FullName, "src")))
                return d.FullName;
        throw new DirectoryNotFoundException("The repository (with dashboards/wall.json) is not above the test binaries.");
    }
}
