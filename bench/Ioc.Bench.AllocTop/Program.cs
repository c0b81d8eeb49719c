using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// The allocation ticks of a gc-verbose trace (the runtime reports one about every 100 KB allocated,
// with the type and the stack), summed by type and by the first frame of our own code.
//   dotnet Ioc.Bench.AllocTop.dll center.nettrace [top=30]
if (args.Length < 1) { Console.Error.WriteLine("usage: Ioc.Bench.AllocTop <trace.nettrace> [top]"); return 2; }
var top = args.Length > 1 ? int.Parse(args[1]) : 30;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var byFrame = new Dictionary<string, long>();
long total = 0;
double first = double.NaN, last = 0;
foreach (var e in log.Events)
{
    if (e is not GCAllocationTickTraceData tick) continue;
    if (double.IsNaN(first)) first = e.TimeStampRelativeMSec;
    last = e.TimeStampRelativeMSec;
    total += tick.AllocationAmount64;
    Add(byType, tick.TypeName ?? "?", tick.AllocationAmount64);
    string? ours = null, any = null;
    for (var frame = e.CallStack(); frame is not null && ours is null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName ?? "";
        if (name.StartsWith("Ioc.", StringComparison.Ordinal)) ours = name;
        else if (any is null && name.Length > 0 && !name.StartsWith("System.", StringComparison.Ordinal)) any = name;
    }
    Add(byFrame, Short(ours ?? any ?? "?"), tick.AllocationAmount64);
}
var seconds = (last - first) / 1000;
Console.WriteLine($"Allocation ticks: {total / 1e6:N0} MB over {seconds:0.0} s ({(seconds > 0 ? total / 1e6 / seconds : 0):N0} MB/s sampled).");
Table("type", byType);
Table("first frame of our code (else the first outside System.*)", byFrame);
return 0;

void Table(string title, Dictionary<string, long> by)
{
    Console.WriteLine();
    Console.WriteLine($"| {title} | share of allocated bytes |");
    Console.WriteLine("|---|---:|");
    foreach (var (k, v) in by.OrderByDescending(x => x.Value).Take(top)) Console.WriteLine($"| `{k}` | {100.0 * v / total:0.0} % |");
}

static void Add(Dictionary<string, long> by, string key, long bytes) => by[key] = by.GetValueOrDefault(key) + bytes;

// The method without its parameter list: enough to find it.
static string Short(string method) => method.IndexOf('(') is var i and > 0 ? method[..i] : method;
