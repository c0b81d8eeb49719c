namespace Ioc.Dashboard.Wall;

/// <summary>
/// The layouts of <c>dashboards/</c> (config key <c>Ioc:DashboardsPath</c>). They are read and
/// checked at start-up, where a bad file stops the center; afterwards a change to a file is read
/// again and, when it is valid, replaces the layout on every open screen without a restart. A
/// change that does not check keeps the previous layout and is reported in <see cref="ReloadError"/>.
/// </summary>
public sealed class DashboardLayouts : IDisposable
{
    public const string ConfigKey = "Ioc:DashboardsPath";
    public const string WallFile = "wall.json";
    public const string WardFile = "ward.json";

    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly ILogger<DashboardLayouts> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private readonly Lock _gate = new();
    private LayoutSet _current;

    public DashboardLayouts(string directory, ILogger<DashboardLayouts> logger, LayoutSet? initial = null)
    {
        Directory = Path.GetFullPath(directory);
        _logger = logger;
        _current = initial ?? Load(Directory);
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            _watcher = new FileSystemWatcher(Directory, "*.json")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Deleted += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogWarning(e, "Cannot watch {Directory}; layout changes need a restart", Directory);
        }
    }

    public string Directory { get; }

    public LayoutSet Current => _current;

    public DashboardLayout Wall => _current.Wall;

    public DashboardLayout Ward => _current.Ward;

    /// <summary>Why the last change to a file was not taken, or null when the files in use are the files on disk.</summary>
    public string? ReloadError { get; private set; }

    /// <summary>Raised after a valid change replaced the layouts, or when <see cref="ReloadError"/> changed.</summary>
    public event Action? Changed;

    /// <summary>Reads and checks both files; throws <see cref="DashboardLayoutException"/> naming the file, panel and problem.</summary>
    public static LayoutSet Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DashboardLayoutException($"Dashboard layouts folder '{directory}' does not exist (set {ConfigKey}).");
        var errors = new List<string>();
        DashboardLayout? Read(string file, string name)
        {
            try { return DashboardLayoutReader.Read(Path.Combine(directory, file), name); }
            catch (DashboardLayoutException e) { errors.Add(e.Message); return null; }
        }
        var wall = Read(WallFile, "wall");
        var ward = Read(WardFile, "ward");
        if (errors.Count > 0) throw new DashboardLayoutException(string.Join(Environment.NewLine, errors));
        return new LayoutSet(wall!, ward!);
    }

    /// <summary>
    /// <c>Ioc:DashboardsPath</c> when set, else the first <c>dashboards</c> folder holding a
    /// wall.json found from the content root, the current directory or the program's folder and
    /// their parents (so a run from the repository, its project folder or bin/ finds the repo's).
    /// </summary>
    public static string ResolveDirectory(IConfiguration config)
    {
        if (config[ConfigKey] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var starts = new[] { config[HostDefaults.ContentRootKey], System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .Where(s => !string.IsNullOrEmpty(s)).Select(s => Path.GetFullPath(s!)).Distinct();
        foreach (var start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "dashboards");
                if (File.Exists(Path.Combine(candidate, WallFile))) return candidate;
            }
        throw new DashboardLayoutException(
            $"No dashboards folder with {WallFile} found from '{config[HostDefaults.ContentRootKey] ?? System.IO.Directory.GetCurrentDirectory()}' upwards; set {ConfigKey}.");
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);

    /// <summary>Reads the files again; true when the layouts changed.</summary>
    public bool Reload()
    {
        bool changed;
        lock (_gate)
        {
            try
            {
                var next = Load(Directory);
                changed = next != _current || ReloadError is not null;
                // The error goes first: whoever sees the new layout never sees the old error beside it.
                ReloadError = null;
                _current = next;
                _logger.LogInformation("Dashboard layouts reloaded from {Directory}", Directory);
            }
            catch (DashboardLayoutException e)
            {
                changed = ReloadError != e.Message;
                ReloadError = e.Message;
                _logger.LogError("Dashboard layout change not applied, the previous layout stays: {Problem}", e.Message);
            }
        }
        if (changed) Changed?.Invoke();
        return changed;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }
}
