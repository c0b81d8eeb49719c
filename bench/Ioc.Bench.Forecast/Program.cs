using System.Diagnostics;
using System.Globalization;
using Ioc.Bench.Forecast;
using Ioc.Silo.Wards;

// What one forecast costs: for each hall shape, 200 seeded halls, each forecast many times over; the
// time and the bytes allocated per forecast, and a checksum of every answer (two builds that give the
// same checksum gave the same estimates, to the tick).
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
HallShape[] shapes =
[
    new("a commune's hall: 3 desks, 4 services, 5 waiting", 3, 4, 5),
    new("a busy ward: 6 desks, 7 services, 15 waiting", 6, 7, 15),
    new("the ingest bench's ward: 13 desks, 7 services, 15 waiting", 13, 7, 15),
];
Console.WriteLine("| hall | µs per forecast (median of rounds) | bytes allocated per forecast | checksum of the answers |");
Console.WriteLine("|---|---:|---:|---|");
foreach (var shape in shapes)
{
    var halls = Enumerable.Range(0, 200).Select(i => Halls.Make(shape, 1000 + i)).ToList();
    const int each = 20;
    long checksum = 17;
    foreach (var h in halls)
        checksum = checksum * 31 + (QueueForecast.CallAt(h.Target, h.Ahead, h.Desks, h.Model, h.Now)?.UtcTicks ?? -1);
    var times = new List<double>();
    long bytes = 0;
    for (var r = 0; r < rounds; r++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var k = 0; k < each; k++)
            foreach (var h in halls) QueueForecast.CallAt(h.Target, h.Ahead, h.Desks, h.Model, h.Now);
        sw.Stop();
        bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (each * halls.Count);
        times.Add(sw.Elapsed.TotalMicroseconds / (each * halls.Count));
    }
    times.Sort();
    Console.WriteLine(FormattableString.Invariant($"| {shape.Name} | {times[times.Count / 2]:F1} | {bytes:N0} | {checksum & 0xFFFFFFFFFFFF:x12} |"));
}
