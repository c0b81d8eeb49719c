using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Ioc.Bench.Devices;
using Ioc.Grains;
using Ioc.Silo.Devices;
using Ioc.Silo.Hosting;
using Ioc.Telemetry;
using Ioc.Wards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Heap per active device grain, measured inside the center's own silo (AddIocSilo: SQLite grain
// state, the region's wards woken, the liveness sweep): live heap after a full, compacting
// collection, before and after N devices have each sent state, divided by N. The same for N
// activations of an empty grain gives Orleans' own floor per activation.
//   dotnet bench/Ioc.Bench.Devices/bin/Release/net10.0/Ioc.Bench.Devices.dll [devices=20000] [region=hanoi] [batches=3]
var devices = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var region = args.Length > 1 ? args[1] : WardDirectory.HanoiRegion;
var batches = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var data = Path.Combine(Path.GetTempPath(), "ioc-bench-devices-" + Guid.NewGuid().ToString("N")[..8]);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Configuration["Ioc:DataPath"] = data;
builder.Configuration[WardDirectory.ConfigKey] = region;
builder.UseOrleans(silo => silo.AddIocSilo(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var wards = host.Services.GetRequiredService<WardDirectory>();
var liveness = host.Services.GetRequiredService<DeviceLiveness>();

// Every ward active first (as after start-up), and each ward told its devices, so only the devices grow.
await Task.WhenAll(wards.All.Select(w => grains.GetGrain<IWardGrain>(w.Code).Wake()));
var fleet = Enumerable.Range(0, devices).Select(i => (Id: $"bench-{i:D6}", Ward: wards.All[i % wards.All.Count].Code, Robot: i % 9 < 4)).ToList();
await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (d, _) =>
    await grains.GetGrain<IWardGrain>(d.Ward).RegisterDevice(d.Id, d.Robot ? DeviceKinds.Robot : DeviceKinds.Counter));

long Live()
{
    for (var i = 0; i < 3; i++)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
    return GC.GetTotalMemory(forceFullCollection: true);
}

var rng = new Random(7);
var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);

// What a ward keeps per device (its last view of it), measured alone: views reported straight to
// the wards for as many other device ids, no device grain involved.
var wardBefore = Live();
await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (d, _) =>
{
    var ward = grains.GetGrain<IWardGrain>(d.Ward);
    if (d.Robot)
        await ward.ReportRobot(new RobotView("ward-only-" + d.Id, d.Ward, new Pose(1, 2, 0.5, "G"), 80, "guiding", null, t0, true, []));
    else
        await ward.ReportCounter(new CounterView("w" + d.Id[^4..], CounterStatuses.Open, [ServiceCodes.HoTich, ServiceCodes.ChungThuc], null, 0, t0, true, "ward-only-" + d.Id));
});
var wardAfter = Live();

var before = Live();
var rssBefore = Proc.SelfRssKb();
var clock = Stopwatch.StartNew();
for (var b = 0; b < batches; b++)
{
    var ts = t0.AddSeconds(b);
    await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (d, _) =>
    {
        var id = $"{d.Id}-s{b}";
        if (d.Robot)
            await grains.GetGrain<IRobotGrain>(d.Id).ApplyStates([new RobotStateReport(id, ts, d.Ward,
                new Pose(rng.NextDouble() * 20, rng.NextDouble() * 12, 0.5, "G"), 80 - b, "guiding", null)]);
        else
        {
            var label = d.Id[^4..];
            await grains.GetGrain<ICounterGrain>(ICounterGrain.KeyOf(d.Ward, label)).ApplyStates([new CounterStateReport(id, ts, d.Ward, d.Id, label,
                CounterStatuses.Open, [ServiceCodes.HoTich, ServiceCodes.ChungThuc])]);
        }
    });
}
var sent = clock.Elapsed;
var after = Live();
var rssAfter = Proc.SelfRssKb();
var active = liveness.Count;
// Optional: where the bytes are, by type (dotnet-gcdump, installed as a tool: GCDUMP=path/to/dotnet-gcdump).
if (Environment.GetEnvironmentVariable("GCDUMP") is { Length: > 0 } gcdump)
{
    var file = Path.Combine(data, "devices.gcdump");
    Directory.CreateDirectory(data);
    Run(gcdump, $"collect -p {Environment.ProcessId} -o {file}");
    Console.WriteLine(string.Join('\n', Run(gcdump, $"report {file}").Split('\n').Where(l => l.Length > 0).Select(l => (Line: l, Bytes: long.TryParse(l.Trim().Split(" ")[0].Replace(",", ""), out var n) ? n : -1)).OrderByDescending(x => x.Bytes).Take(60).Select(x => x.Line)));
}

// Orleans' floor: as many empty activations.
var emptyBefore = Live();
await Parallel.ForEachAsync(Enumerable.Range(0, devices), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
    await grains.GetGrain<IEmptyGrain>($"empty-{i}").Touch());
var emptyAfter = Live();

string KiB(double bytes) => (bytes / 1024).ToString("0.00", CultureInfo.InvariantCulture);
Console.WriteLine($"region {region} ({wards.All.Count} wards), {devices} devices ({fleet.Count(d => d.Robot)} robots, {fleet.Count(d => !d.Robot)} counters), {batches} state batches each in {sent.TotalSeconds:0.0} s; {active} device grains active");
Console.WriteLine($"live heap: {before / 1048576.0:0.0} MiB before, {after / 1048576.0:0.0} MiB after -> {KiB((after - before) / (double)devices)} KiB per active device grain (with what its ward and the sweep keep for it)");
var wardPart = (wardAfter - wardBefore) / (double)devices;
Console.WriteLine($"  of which the ward's view of the device: {KiB(wardPart)} KiB; the device grain itself (with its Orleans activation and sweep entry): {KiB((after - before) / (double)devices - wardPart)} KiB");
Console.WriteLine($"RSS: {rssBefore / 1024.0:0} MiB before, {rssAfter / 1024.0:0} MiB after -> {KiB((rssAfter - rssBefore) * 1024.0 / devices)} KiB per device");
Console.WriteLine($"empty Orleans activation: {KiB((emptyAfter - emptyBefore) / (double)devices)} KiB each");

await host.StopAsync();

static string Run(string file, string arguments)
{
    using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    return output;
}
try { Directory.Delete(data, recursive: true); } catch (IOException) { }
