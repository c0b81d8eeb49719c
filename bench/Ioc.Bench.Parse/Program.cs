using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Ioc.Bench.Parse;
using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Ingest.Telemetry;
using Ioc.Ingest.Telemetry.Json;
using Ioc.Wards;

// Reading and checking batch-100 bodies in one process, interleaved round by round with
// System.Text.Json reading the same bytes (JsonDocument, every member touched: the bare endpoint's
// work), so the ratio holds on a machine whose speed drifts. Allocation is counted exactly.
//   dotnet Ioc.Bench.Parse.dll [--bodies 200] [--events 100] [--business 3] [--rounds 40]
var bodiesCount = Arg("--bodies", 200);
var events = Arg("--events", 100);
var business = Arg("--business", 3);
var rounds = Arg("--rounds", 40);

var wards = WardDirectory.Load("hanoi");
var parser = new TelemetryParser(wards);
var rng = new Random(20250701);
var now = DateTimeOffset.UtcNow;
var devices = new List<(DeviceInfo Device, byte[] Body)>();
for (var i = 0; i < bodiesCount; i++)
{
    var ward = wards.All[i % wards.All.Count].Code;
    var id = $"robot-{ward}-{i:x}";
    devices.Add((new DeviceInfo(id, DeviceKinds.Robot, [ward], now), Bodies.Robot(id, ward, events, business, now, rng)));
}

// Every body must pass the center's checks, or the figure would be of refusals.
foreach (var (device, body) in devices)
{
    var batch = parser.Parse(BodyReader.Read(body, out _)!, device, now);
    if (batch.Errors.Count > 0 || batch.Forbidden.Count > 0) throw new InvalidOperationException($"refused: {batch.Errors.Count} errors");
}

// As the center reads a body: with a scratch reused from one body to the next.
var scratch = new BodyScratch();

long Center()
{
    long n = 0;
    foreach (var (device, body) in devices)
    {
        var batch = parser.Parse(BodyReader.Read(body, scratch, out _)!, device, now);
        n += batch.Robots.Count + batch.Business.Count;
    }
    return n;
}

long TreeOnly()
{
    long n = 0;
    foreach (var (_, body) in devices) n += BodyReader.Read(body, scratch, out _)!["events"]!.Items.Length;
    return n;
}

long Bare()
{
    long n = 0;
    foreach (var (_, body) in devices)
    {
        using var doc = JsonDocument.Parse(body);
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            foreach (var _ in e.EnumerateObject()) { }
            n++;
        }
    }
    return n;
}

(double Ns, double Bytes) Measure(Func<long> work)
{
    var alloc = GC.GetAllocatedBytesForCurrentThread();
    var sw = Stopwatch.StartNew();
    var n = work();
    sw.Stop();
    return (sw.Elapsed.TotalNanoseconds / n, (GC.GetAllocatedBytesForCurrentThread() - alloc) / (double)n);
}

for (var w = 0; w < 10; w++) { Center(); Bare(); TreeOnly(); }
var center = new List<(double Ns, double Bytes)>();
var bare = new List<(double Ns, double Bytes)>();
var tree = new List<(double Ns, double Bytes)>();
var gcBefore = GC.CollectionCount(0);
for (var r = 0; r < rounds; r++)
{
    center.Add(Measure(Center));
    bare.Add(Measure(Bare));
    tree.Add(Measure(TreeOnly));
}

static double Median(IEnumerable<double> xs)
{
    var s = xs.OrderBy(x => x).ToArray();
    return s[s.Length / 2];
}

var cNs = Median(center.Select(c => c.Ns));
var bNs = Median(bare.Select(b => b.Ns));
Console.WriteLine($"Bodies: {bodiesCount} robots, {events} events each ({business} business), {devices.Average(d => d.Body.Length):0} bytes; {rounds} rounds, medians.");
Console.WriteLine();
Console.WriteLine("| reading | ns per event | bytes allocated per event |");
Console.WriteLine("|---|---:|---:|");
Console.WriteLine($"| the center: `BodyReader` + `TelemetryParser` (every telemetry-v1 check) | {cNs:0} | {Median(center.Select(c => c.Bytes)):0} |");
Console.WriteLine($"| of which reading the bytes into `BodyNode`s (`BodyReader` alone) | {Median(tree.Select(c => c.Ns)):0} | {Median(tree.Select(c => c.Bytes)):0} |");
Console.WriteLine($"| System.Text.Json `JsonDocument`, every member touched (the bare endpoint) | {bNs:0} | {Median(bare.Select(b => b.Bytes)):0} |");
Console.WriteLine();
Console.WriteLine($"The center's reading costs {cNs / bNs:0.00}× System.Text.Json's; gen-0 collections in the measured rounds: {GC.CollectionCount(0) - gcBefore}.");

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
