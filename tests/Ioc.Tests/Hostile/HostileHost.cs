using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ioc.Tests.Hostile;

/// <summary>
/// The center for the hostile corpus: device rate limits out of the way (the corpus is about what
/// is sent, not how often), a short body timeout so slow bodies end quickly, no real-time staleness,
/// and its log captured.
/// </summary>
public sealed class HostileHost : CenterHost
{
    public CapturedLogs Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Ioc:Ingest:RequestsPerSecond", "100000"), new("Ioc:Ingest:Burst", "100000"), new("Ioc:Ingest:BodyTimeoutSeconds", "2"),
        // Staleness runs on the real clock (silent for 10 min): a slow run must not see wards go stale between its two looks.
        new("Ioc:Rules:WardStaleMinutes", "100000"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}
