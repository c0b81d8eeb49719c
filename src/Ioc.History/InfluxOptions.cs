namespace Ioc.History;

/// <summary>
/// Settings of the InfluxDB connection, bound from the <c>Ioc:Influx</c> configuration section.
/// Without a <see cref="Url"/> the application runs without InfluxDB (the embedded default).
/// </summary>
public sealed class InfluxOptions
{
    public const string SectionName = "Ioc:Influx";

    /// <summary>Largest batch that is sent in one HTTP write.</summary>
    public const int MaxBatchSize = 5000;

    /// <summary>Base address of the v1 HTTP API, e.g. <c>http://127.0.0.1:8086</c>.</summary>
    public string? Url { get; set; }

    public string Database { get; set; } = "ioc";

    /// <summary>Optional token, sent as <c>Authorization: Token …</c> (InfluxDB 2/3 v1 compatibility API).</summary>
    public string? Token { get; set; }

    /// <summary>Points per HTTP write (1 … 5,000).</summary>
    public int BatchSize { get; set; } = MaxBatchSize;

    /// <summary>How long a partial batch may wait for more points before it is sent.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the in-memory queue; further points go to the spill files.</summary>
    public int MaxQueuedPoints { get; set; } = 100_000;

    /// <summary>Folder of the spill segment files (<c>*.lp</c>, line protocol).</summary>
    public string SpillPath { get; set; } = Path.Combine("data", "influx-spill");

    /// <summary>First delay after a failed write; doubled after each further failure.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the retry delay: writing resumes within about this long after InfluxDB returns.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping the writer keeps trying to deliver; what is left stays in the spill.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Create the <c>raw</c>/<c>hourly</c> retention policies and the hourly roll-up at start.</summary>
    public bool EnsureRetention { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Url) || !Uri.TryCreate(Url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{SectionName}:Url must be an absolute http(s) URL, got '{Url}'.");
        }

        if (string.IsNullOrWhiteSpace(Database))
        {
            throw new ArgumentException($"{SectionName}:Database must not be empty.");
        }

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            throw new ArgumentException($"{SectionName}:BatchSize must be between 1 and {MaxBatchSize}, got {BatchSize}.");
        }

        if (MaxQueuedPoints < 1)
        {
            throw new ArgumentException($"{SectionName}:MaxQueuedPoints must be at least 1, got {MaxQueuedPoints}.");
        }

        if (string.IsNullOrWhiteSpace(SpillPath))
        {
            throw new ArgumentException($"{SectionName}:SpillPath must not be empty.");
        }

        RequirePositive(FlushInterval, nameof(FlushInterval));
        RequirePositive(RetryInitialDelay, nameof(RetryInitialDelay));
        RequirePositive(RetryMaxDelay, nameof(RetryMaxDelay));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        if (ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:ShutdownTimeout must not be negative.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{name} must be positive, got {value}.");
        }
    }
}
