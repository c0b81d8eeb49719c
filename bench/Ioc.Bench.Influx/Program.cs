using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ioc.Bench.Influx;
using Ioc.History;
using Ioc.History.Testing;

// (a) raw ceiling: pre-built 5,000-line bodies POSTed by a few concurrent requests for ~10 s;
// (b) InfluxWriter: the same number of points through the Point API, timed until all are acknowledged.
BenchArgs bench;
try
{
    bench = BenchArgs.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

const int BodyPoints = InfluxOptions.MaxBatchSize;
var inv = CultureInfo.InvariantCulture;

InfluxdProcess? own = null;
if (bench.Url is null)
{
    own = await InfluxdProcess.StartNewAsync();
    Console.WriteLine($"started private influxd on {own.Url} (data in {own.RootDirectory})");
}

var url = bench.Url ?? own!.Url;
var database = "bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", inv);
var spillPath = Path.Combine(Path.GetTempPath(), "ioc-bench-spill-" + Environment.ProcessId);
using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    Timeout = TimeSpan.FromMinutes(2),
};
var options = new InfluxOptions
{
    Url = url,
    Database = database,
    SpillPath = spillPath,
    MaxQueuedPoints = bench.MaxQueuedPoints,
    RequestTimeout = TimeSpan.FromMinutes(1),
};
var connection = new InfluxConnection(http, options);
var writeUri = new Uri($"{url.TrimEnd('/')}/write?db={Uri.EscapeDataString(database)}&precision=ms");

try
{
    await new InfluxSchema(connection).EnsureDatabaseAsync();
    var version = (await http.GetAsync(new Uri($"{url.TrimEnd('/')}/ping"))).Headers.TryGetValues("X-Influxdb-Version", out var v)
        ? v.First()
        : "?";
    Console.WriteLine($"influxd {version}, database {database}, {bench.Concurrency} concurrent requests, {bench.Duration.TotalSeconds:0} s");

    // Calibration (also warms up JIT, connections and the server): a few bodies, reused.
    var calibrationStart = WholeSeconds(DateTimeOffset.UtcNow.AddDays(-3));
    var calibrationBodies = Enumerable.Range(0, 8 * bench.Concurrency).Select(i => Workload.Body((long)i * BodyPoints, BodyPoints, calibrationStart)).ToArray();
    var calibration = await PostBodiesAsync(calibrationBodies, TimeSpan.FromSeconds(2), repeat: true);
    var estimate = calibration.Points / calibration.Elapsed.TotalSeconds;

    // Enough distinct bodies for the whole raw phase, with headroom, built before the clock starts.
    var bodyCount = (int)Math.Clamp(Math.Ceiling(estimate * bench.Duration.TotalSeconds * 1.5 / BodyPoints) + bench.Concurrency, 4, 5000);
    Console.WriteLine($"calibration: ~{estimate:N0} points/s; building {bodyCount:N0} bodies of {BodyPoints:N0} lines");
    var rawStart = WholeSeconds(DateTimeOffset.UtcNow.AddDays(-2));
    var bodies = new byte[bodyCount][];
    Parallel.For(0, bodyCount, i => bodies[i] = Workload.Body((long)i * BodyPoints, BodyPoints, rawStart));
    GC.Collect();

    var raw = await PostBodiesAsync(bodies, bench.Duration, repeat: false);
    var rawRate = raw.Points / raw.Elapsed.TotalSeconds;
    Console.WriteLine($"(a) raw ceiling: {raw.Points:N0} points in {raw.Elapsed.TotalSeconds:0.00} s = {rawRate:N0} points/s");
    bodies = [];
    GC.Collect();

    // (b) The same number of points through Point + InfluxWriter, until FlushAsync confirms all of them.
    var total = raw.Points;
    var writerStart = WholeSeconds(DateTimeOffset.UtcNow.AddDays(-1)); // stored times are whole ms
    long maxSpilled = 0;
    var watch = Stopwatch.StartNew();
    InfluxWriterStatus status;
    await using (var writer = new InfluxWriter(connection, options))
    {
        for (long i = 0; i < total; i++)
        {
            writer.Write(Workload.Point(i, writerStart));
            if (i % 50_000 == 0)
            {
                maxSpilled = Math.Max(maxSpilled, writer.GetStatus().SpilledPoints);
            }
        }

        await writer.FlushAsync();
        watch.Stop();
        status = writer.GetStatus();
    }

    var writerRate = total / watch.Elapsed.TotalSeconds;
    var ratio = writerRate / rawRate;
    Console.WriteLine($"(b) InfluxWriter: {total:N0} points in {watch.Elapsed.TotalSeconds:0.00} s = {writerRate:N0} points/s " +
        $"(written {status.WrittenPoints:N0}, dropped {status.DroppedPoints:N0}, max spilled seen {maxSpilled:N0})");
    Console.WriteLine($"ratio writer/raw = {ratio:0.00} (goal >= 0.80) {(ratio >= 0.8 ? "OK" : "BELOW GOAL")}");

    var stored = await connection.QueryAsync(
        $"SELECT count(waiting) FROM ward WHERE time >= {InfluxQl.FormatTime(writerStart)}");
    var count = stored.Count == 0 ? 0 : (long)stored[0].Values[0][1]!;
    Console.WriteLine($"check: {count:N0} of {total:N0} writer points stored{(count == total ? "" : " - MISMATCH")}");

    if (bench.Append)
    {
        var path = bench.ResultsPath ?? FindResultsFile();
        AppendRow(path, version, total, rawRate, writerRate, ratio, count == total, maxSpilled);
        Console.WriteLine($"appended to {path}");
    }

    return count == total ? 0 : 1;
}
finally
{
    if (own is not null)
    {
        await own.DisposeAsync();
    }
    else
    {
        await connection.QueryAsync($"DROP DATABASE {InfluxQl.QuoteIdentifier(database)}");
    }

    if (Directory.Exists(spillPath))
    {
        Directory.Delete(spillPath, recursive: true);
    }
}

// POSTs bodies with bench.Concurrency requests in flight until the time is up (or the bodies run out).
async Task<(long Points, TimeSpan Elapsed)> PostBodiesAsync(byte[][] source, TimeSpan duration, bool repeat)
{
    long next = -1;
    long points = 0;
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, bench.Concurrency).Select(async _ =>
    {
        while (clock.Elapsed < duration)
        {
            var i = Interlocked.Increment(ref next);
            if (i >= source.Length && !repeat)
            {
                break;
            }

            using var content = new ByteArrayContent(source[i % source.Length]);
            using var response = await http.PostAsync(writeUri, content);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                throw new InvalidOperationException($"write failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            Interlocked.Add(ref points, BodyPoints);
        }
    });
    await Task.WhenAll(workers);
    return (points, clock.Elapsed);
}

static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

string FindResultsFile()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (Directory.Exists(Path.Combine(dir.FullName, "bench")) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
        {
            return Path.Combine(dir.FullName, "bench", "results", "influx.md");
        }
    }

    return Path.Combine(Directory.GetCurrentDirectory(), "influx.md");
}

void AppendRow(string path, string version, long points, double rawRate, double writerRate, double ratio, bool complete, long spilled)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    if (!File.Exists(path))
    {
        File.WriteAllText(path, """
            # InfluxDB write throughput

            Appended by `bench/run-influx.sh` (project `bench/Ioc.Bench.Influx`). *Raw* POSTs pre-built bodies of
            5,000 lines with several concurrent requests for about 10 s: the ceiling of this influxd on this machine.
            *Writer* sends the same number of points through `Point` and `InfluxWriter` (one request in flight,
            batches of 5,000, bounded queue with spill), timed until `FlushAsync` confirms every point.
            The goal is a ratio of at least 0.8. Figures compare only within one machine.

            | date (UTC) | machine | influxd | points | raw points/s | writer points/s | ratio | notes |
            |---|---|---|---:|---:|---:|---:|---|

            """);
    }

    var notes = $"{bench.Concurrency} raw requests in flight; writer MaxQueuedPoints {bench.MaxQueuedPoints:N0}, max spilled {spilled:N0}" +
        (complete ? "" : "; COUNT MISMATCH");
    File.AppendAllText(path, string.Create(inv,
        $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {MachineInfo.Describe()} | {version} | {points:N0} | {rawRate:N0} | {writerRate:N0} | {ratio:0.00} | {notes} |\n"));
}
