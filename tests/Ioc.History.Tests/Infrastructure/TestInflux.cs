using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.History.Tests.Infrastructure;

/// <summary>Helpers to build clients against a test influxd with a fresh database and spill folder.</summary>
internal static class TestInflux
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewDatabase() => "t_" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Spill folders of this test run live under one root that the assembly fixture deletes.</summary>
    public static string SpillRoot { get; } = Path.Combine(Path.GetTempPath(), $"ioc-history-tests-{Environment.ProcessId}");

    public static string NewSpillPath() => Path.Combine(SpillRoot, "spill-" + Guid.NewGuid().ToString("N")[..12]);

    public static InfluxOptions Options(string url, string? database = null, Action<InfluxOptions>? configure = null)
    {
        var options = new InfluxOptions
        {
            Url = url,
            Database = database ?? NewDatabase(),
            SpillPath = NewSpillPath(),
            FlushInterval = TimeSpan.FromMilliseconds(100),
            RetryInitialDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(10),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public static InfluxConnection Connection(InfluxOptions options) => new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options);

    public static async Task<InfluxConnection> NewDatabaseAsync(InfluxOptions options)
    {
        var connection = Connection(options);
        await new InfluxSchema(connection).EnsureDatabaseAsync(Ct);
        return connection;
    }

    public static ILogger<T> Logger<T>() => NullLogger<T>.Instance;

    public static async Task<long> CountAsync(InfluxConnection connection, string measurement, string field)
    {
        var result = await connection.QueryAsync(
            $"SELECT count({InfluxQl.QuoteIdentifier(field)}) FROM {InfluxQl.QuoteIdentifier(measurement)}", Ct);
        return result.Count == 0 ? 0 : (long)result[0].Values[0][1]!;
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Polls until the condition holds (background work is asynchronous).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting until {what}.");
            }

            await Task.Delay(20, Ct);
        }
    }
}
