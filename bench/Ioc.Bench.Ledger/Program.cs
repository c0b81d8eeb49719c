using System.Diagnostics;
using System.Globalization;
using Ioc.Bench.Ledger;
using Ioc.Wards;
using Microsoft.Data.Sqlite;

// The ledger is the log: requests/s and p99 ack at batch 100 at the start of a day and again after ten
// heavy days' worth of business events per ward, in the same run; stored bytes per business event;
// history lag (202 → point queryable in InfluxDB) p50/p99. Prints a Markdown section.
var arg = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
string Arg(string name, string fallback) => arg.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
var url = Arg("url", "http://127.0.0.1:5080");
var password = Arg("password", "");
var influx = Arg("influx", "");
var database = Arg("database", "ioc");
var dataPath = Arg("data", "");
var pid = int.TryParse(Arg("pid", ""), out var p) ? p : (int?)null;
var connections = int.Parse(Arg("connections", "16"), CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(int.Parse(Arg("duration", "20"), CultureInfo.InvariantCulture));
var heavyDay = int.Parse(Arg("heavy-day", "1300"), CultureInfo.InvariantCulture);
var days = int.Parse(Arg("days", "10"), CultureInfo.InvariantCulture);

var center = new Center(url, password);
await center.SignIn();
var wards = WardDirectory.Load(WardDirectory.HanoiRegion).All.Select(w => w.Code).Where(c => c != "00004").ToList();
var keys = new Dictionary<string, string>();
foreach (var w in wards) keys[w] = await center.Provision($"led-{w}", "kiosk", w);
var probeKey = await center.Provision("led-probe", "kiosk", "00004");
var batches = new Batches(Guid.NewGuid().ToString("N")[..6]);
var probe = influx.Length > 0 ? new LagProbe(center, batches, probeKey, "led-probe", "00004", influx, database) : null;

async Task<(double Rps, double P50, double P99, long Events)> Measure(string label)
{
    var latencies = new List<double>();
    var gate = new object();
    var stop = DateTime.UtcNow + duration;
    long requests = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
    {
        var rng = new Random(c);
        while (DateTime.UtcNow < stop)
        {
            var ward = wards[rng.Next(wards.Count)];
            var json = batches.Day($"led-{ward}", ward, DateTimeOffset.UtcNow);
            var t = Stopwatch.GetTimestamp();
            await center.Post(keys[ward], json);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            lock (gate) latencies.Add(ms);
            Interlocked.Increment(ref requests);
        }
    }));
    var seconds = watch.Elapsed.TotalSeconds;
    latencies.Sort();
    Console.Error.WriteLine($"{label}: {requests / seconds:0} req/s");
    return (requests / seconds, Pct(latencies, 0.5), Pct(latencies, 0.99), requests * 100);
}

static double Pct(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

var lagStart = probe is null ? Task.FromResult(new List<double>()) : probe.Run(duration);
var start = await Measure("start of day");
var lagsStart = await lagStart;

// Ten heavy days' business events for every ward, as fast as the center takes them.
var fillWatch = Stopwatch.StartNew();
var perWard = heavyDay * days;
var batchesPerWard = (perWard + 99) / 100;
var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(Enumerable.Range(0, batchesPerWard).SelectMany(_ => wards));
await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
{
    while (queue.TryDequeue(out var ward)) await center.Post(keys[ward], batches.Day($"led-{ward}", ward, DateTimeOffset.UtcNow));
}));
var filled = (long)batchesPerWard * 100 * wards.Count;
Console.Error.WriteLine($"filled {filled:N0} events in {fillWatch.Elapsed.TotalSeconds:0} s");

var lagEnd = probe is null ? Task.FromResult(new List<double>()) : probe.Run(duration);
var end = await Measure("after the fill");
var lagsEnd = await lagEnd;
var allLags = lagsStart.Concat(lagsEnd).Order().ToList();

// Every event applied: the wards' counts.
long issued = 0;
foreach (var w in wards.Take(5)) issued += (await center.Ward(w)).GetProperty("ticketsIssued").GetInt32();

double? bytesPerEvent = null, filePerEvent = null;
long logged = 0;
if (dataPath.Length > 0 && File.Exists(Path.Combine(dataPath, "ward-log.db")))
{
    using var db = new SqliteConnection($"Data Source={Path.Combine(dataPath, "ward-log.db")};Mode=ReadOnly;Pooling=False");
    db.Open();
    using var cmd = db.CreateCommand();
    cmd.CommandText = "SELECT COUNT(*), SUM(LENGTH(record)) FROM log";
    using var r = cmd.ExecuteReader();
    r.Read();
    logged = r.GetInt64(0);
    bytesPerEvent = (double)r.GetInt64(1) / logged;
    var files = Directory.GetFiles(dataPath, "ward-log.db*").Sum(f => new FileInfo(f).Length);
    filePerEvent = (double)files / logged;
}

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"| phase | requests/s (batch 100) | events/s | p50 ack | p99 ack |");
Console.WriteLine($"|---|---:|---:|---:|---:|");
Console.WriteLine(string.Create(inv, $"| start of day | {start.Rps:0} | {start.Rps * 100:N0} | {start.P50:0.0} ms | {start.P99:0.0} ms |"));
Console.WriteLine(string.Create(inv, $"| after {days} heavy days per ward ({perWard:N0} events × {wards.Count} wards) | {end.Rps:0} | {end.Rps * 100:N0} | {end.P50:0.0} ms | {end.P99:0.0} ms |"));
Console.WriteLine();
Console.WriteLine(string.Create(inv, $"- ratio after/before: {end.Rps / start.Rps:0.00} (requests/s), p99 {end.P99 / start.P99:0.00}×"));
if (bytesPerEvent is not null)
    Console.WriteLine(string.Create(inv, $"- stored per business event: {bytesPerEvent:0} bytes of log record, {filePerEvent:0} bytes of SQLite file (with WAL and indexes), {logged:N0} events logged"));
if (allLags.Count > 0)
    Console.WriteLine(string.Create(inv, $"- history lag (202 → queryable in InfluxDB), {allLags.Count} probes under load: p50 {Pct(allLags, 0.5):0} ms, p99 {Pct(allLags, 0.99):0} ms, max {allLags[^1]:0} ms"));
if (pid is { } centerPid) Console.WriteLine($"- center RSS at the end: {Proc.RssKb(centerPid) / 1024} MiB");
Console.WriteLine($"- tickets issued on 5 sampled wards: {issued:N0}");
