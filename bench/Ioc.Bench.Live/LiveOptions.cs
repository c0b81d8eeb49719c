using System.Globalization;

namespace Ioc.Bench.Live;

/// <summary>Command-line options: <c>--name value</c> pairs; see <see cref="Usage"/>.</summary>
public sealed class LiveOptions
{
    public required Uri Url { get; init; }
    public string AdminUser { get; init; } = "admin";
    public required string AdminPassword { get; init; }
    /// <summary>The center's process id, for its CPU time and resident memory (from /proc).</summary>
    public int? Pid { get; init; }
    /// <summary>The center's data folder: its <c>clock.json</c> maps the business clock onto real time.</summary>
    public string? DataPath { get; init; }

    public int Samples { get; init; } = 200;
    public int Warmup { get; init; } = 10;
    public int MinGapMs { get; init; } = 250;
    public int MaxGapMs { get; init; } = 500;
    /// <summary>Wards the latency samples alternate over; empty = the quietest and the busiest ward seen in the warm-up.</summary>
    public IReadOnlyList<string> Wards { get; init; } = [];

    /// <summary>Whether the center runs its simulator (the background load); for the report's wording.</summary>
    public bool Simulator { get; init; } = true;
    public bool Browser { get; init; } = true;
    public int BrowserSamples { get; init; } = 40;
    public string Chromium { get; init; } = "/usr/bin/chromium";

    /// <summary>Pairs of events 60–180 ms apart in the quiet ward (the ward grain's deferred publish); 0 = skip.</summary>
    public int Pairs { get; init; } = 20;
    public int PairTimeout { get; init; } = 20;

    /// <summary>The probe and the fan-out clients call UseDeltas (false: plain clients with full frames).</summary>
    public bool Deltas { get; init; } = true;
    /// <summary>Seconds the four wire clients count bytes (JSON/MessagePack × full/delta); 0 = skip.</summary>
    public int BytesWindow { get; init; } = 60;
    /// <summary>What the report says about the region (wards count) measured.</summary>
    public string Region { get; init; } = "hanoi";

    public IReadOnlyList<int> Clients { get; init; } = [250, 500, 1000, 1500, 2000];
    public int Window { get; init; } = 30;
    public int Settle { get; init; } = 5;
    public int Drain { get; init; } = 5;
    public int ConnectConcurrency { get; init; } = 16;
    /// <summary>Stop the ramp after a step in which fewer (client, frame) pairs than this arrived within 1 s.</summary>
    public double StopBelow { get; init; } = 0.5;

    public string? Out { get; init; }
    /// <summary>Before each measured phase wait up to this long until other processes use at most <see cref="QuietCores"/>.</summary>
    public int QuietWait { get; init; } = 30;
    public double QuietCores { get; init; } = 0.4;
    /// <summary>Optional CSV of every sample (for a closer look; not part of the report).</summary>
    public string? Trace { get; init; }
    public string Command { get; init; } = "";
    public string ServerCommand { get; init; } = "";
    public string Machine { get; init; } = "";
    public string Revision { get; init; } = "";
    public int Seed { get; init; } = 20261126;

    public const string Usage = """
        Ioc.Bench.Live --url http://127.0.0.1:PORT --admin-password PW [options]
          --pid N                    center process id (its CPU and RSS from /proc)
          --data DIR                 center data folder (clock.json: business clock → real time)
          --samples 200              event-to-frame samples (SignalR), one event each
          --warmup 10                seconds of watching the feed before the samples (picks the wards)
          --gap 250-500              ms between two samples' posts (uniform random, at least the previous sample's latency)
          --wards A,B                wards to post in, alternating (default: the quietest and the busiest in the warm-up)
          --simulator true           whether the center runs its simulator (report wording only)
          --browser true             also measure event-to-DOM in Chromium (Playwright)
          --browser-samples 40
          --chromium /usr/bin/chromium
          --pairs 20 --pair-timeout 20   pairs of events 60–180 ms apart in the quiet ward (deferred publish check)
          --deltas true              the probe and the fan-out clients call UseDeltas (false: full frames)
          --bytes-window 60          seconds four wire clients count bytes (JSON/MessagePack × full/delta); 0 = skip
          --region hanoi             the center's Ioc:Region (report wording)
          --clients 250,500,1000,1500,2000   concurrent clients, ramped up step by step ("" = skip)
          --window 30 --settle 5 --drain 5   seconds per step: measured, after connecting, after the window
          --connect-concurrency 16
          --stop-below 0.5           stop ramping after a step with fewer pairs within 1 s than this share
          --quiet-wait 30 --quiet-cores 0.4   before each measured phase, wait up to 30 s until other processes use ≤ 0.4 cores
          --out FILE.md              append the markdown section there
          --trace FILE.csv           also write every sample there
          --command / --server-command / --machine / --revision   lines for the report
        """;

    public static LiveOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            var name = args[i][2..];
            if (i + 1 >= args.Length) throw new ArgumentException($"--{name} needs a value.");
            map[name] = args[++i];
        }
        string? Get(string name) => map.TryGetValue(name, out var v) ? v : null;
        int Int(string name, int fallback) => Get(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        static List<string> List(string? v) => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        var gap = (Get("gap") ?? "250-500").Split('-', StringSplitOptions.TrimEntries);
        var options = new LiveOptions
        {
            Url = new Uri(Get("url") ?? throw new ArgumentException("--url is required.")),
            AdminUser = Get("admin-user") ?? "admin",
            AdminPassword = Get("admin-password") ?? throw new ArgumentException("--admin-password is required."),
            Pid = Get("pid") is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            DataPath = Get("data") is { Length: > 0 } d ? d : null,
            Samples = Int("samples", 200),
            Warmup = Int("warmup", 10),
            MinGapMs = int.Parse(gap[0], CultureInfo.InvariantCulture),
            MaxGapMs = int.Parse(gap.Length > 1 ? gap[1] : gap[0], CultureInfo.InvariantCulture),
            Wards = List(Get("wards")),
            Browser = !string.Equals(Get("browser"), "false", StringComparison.OrdinalIgnoreCase),
            Simulator = !string.Equals(Get("simulator"), "false", StringComparison.OrdinalIgnoreCase),
            Deltas = !string.Equals(Get("deltas"), "false", StringComparison.OrdinalIgnoreCase),
            BytesWindow = Int("bytes-window", 60),
            Region = Get("region") is { Length: > 0 } region ? region : "hanoi",
            BrowserSamples = Int("browser-samples", 40),
            Chromium = Get("chromium") ?? "/usr/bin/chromium",
            Clients = Get("clients") is { } c ? List(c).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : [250, 500, 1000, 1500, 2000],
            Pairs = Int("pairs", 20),
            PairTimeout = Int("pair-timeout", 20),
            Window = Int("window", 30),
            Settle = Int("settle", 5),
            Drain = Int("drain", 5),
            ConnectConcurrency = Int("connect-concurrency", 16),
            StopBelow = double.Parse(Get("stop-below") ?? "0.5", CultureInfo.InvariantCulture),
            Out = Get("out"),
            QuietWait = Int("quiet-wait", 30),
            QuietCores = double.Parse(Get("quiet-cores") ?? "0.4", CultureInfo.InvariantCulture),
            Trace = Get("trace") is { Length: > 0 } t ? t : null,
            Command = Get("command") ?? "",
            ServerCommand = Get("server-command") ?? "",
            Machine = Get("machine") ?? "",
            Revision = Get("revision") ?? "",
            Seed = Int("seed", 20261126),
        };
        if (options.MinGapMs < 0 || options.MaxGapMs < options.MinGapMs) throw new ArgumentException("--gap must be MIN-MAX with 0 ≤ MIN ≤ MAX.");
        if (options.Clients.Any(n => n < 1)) throw new ArgumentException("--clients must be positive numbers.");
        if (options.Clients.Zip(options.Clients.Skip(1)).Any(p => p.Second <= p.First)) throw new ArgumentException("--clients must grow step by step.");
        return options;
    }
}
