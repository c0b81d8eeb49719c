using System.Globalization;

namespace Ioc.Bench.Ingest;

/// <summary>Command-line options: <c>--name value</c> pairs; see <see cref="Usage"/>.</summary>
public sealed class BenchOptions
{
    public required Uri Url { get; init; }
    public string AdminUser { get; init; } = "admin";
    public required string AdminPassword { get; init; }
    /// <summary>
    /// The center's process ids, for its resident memory and CPU time (from /proc), summed: one for the
    /// embedded center, a cluster's silos and ingest processes otherwise.
    /// </summary>
    public IReadOnlyList<int> Pids { get; init; } = [];
    /// <summary>The first of <see cref="Pids"/> (the process the report names).</summary>
    public int? Pid => Pids.Count > 0 ? Pids[0] : null;
    /// <summary>Where devices post telemetry when it is not the center's <see cref="Url"/> (a cluster's ingest process).</summary>
    public Uri? IngestUrl { get; init; }
    public int Devices { get; init; } = 3000;
    public int Concurrency { get; init; } = 32;
    public int ProvisionConcurrency { get; init; } = 8;
    public IReadOnlyList<int> Batches { get; init; } = [1, 100, 1000];
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(25);
    /// <summary>Share of a robot's or counter's events that are business events (the rest are states).</summary>
    public double BusinessShare { get; init; } = 0.025;
    public string DevicePrefix { get; init; } = "";
    public string? Out { get; init; }
    public string Command { get; init; } = "";
    public string ServerCommand { get; init; } = "";
    public string Machine { get; init; } = "";
    public string Revision { get; init; } = "";
    public string? DotnetCounters { get; init; }
    public string? DotnetGcdump { get; init; }
    /// <summary>When the center runs a business clock (<c>Ioc:Clock:Start</c>): its start ...</summary>
    public DateTimeOffset? BusinessStart { get; init; }
    /// <summary>... and the real instant it started from (≈ when the center was launched).</summary>
    public DateTimeOffset? BusinessAnchor { get; init; }
    public int Seed { get; init; } = 20261122;
    /// <summary>The units the center runs (its <c>Ioc:Region</c>): the fleet is spread over them.</summary>
    public string Region { get; init; } = "hanoi";
    /// <summary>Open loop: every device sends one batch this often (seconds); 0 = closed loop.</summary>
    public double PeriodSeconds { get; init; }
    /// <summary>A bare endpoint, not the center: no sign-in, no provisioning, no final check.</summary>
    public bool Bare { get; init; }
    /// <summary><c>host:port</c> of an MQTT broker: the devices publish there instead of POSTing (null: HTTP).</summary>
    public string? Mqtt { get; init; }
    /// <summary>
    /// Seconds to wait, after each phase and before the final check, for the center to show what was acknowledged:
    /// Mosquitto acknowledges on receipt, the ingest applies later (0: the acknowledgement means applied).
    /// </summary>
    public int SettleSeconds { get; init; }
    /// <summary>Label of the target in the report ("center", "bare Kestrel").</summary>
    public string Target { get; init; } = "center";

    public const string Usage = """
        Ioc.Bench.Ingest --url http://127.0.0.1:PORT --admin-password PW [options]
          --pid N[,N...]           center process id(s), summed (memory per device grain, center CPU)
          --ingest-url URL         where devices post telemetry, when not --url (a cluster's ingest process)
          --devices 3000           devices to provision (robots, counters, ~1% kiosks, 1 dossier-system)
          --concurrency 32         concurrent requests (closed loop, one connection each)
          --batches 1,100,1000     batch sizes, one phase each
          --warmup 5 --duration 25 seconds per phase (warm-up is not measured)
          --business-share 0.025   business events among a robot's/counter's events
          --device-prefix ""       prefix for device ids (to run twice against one center)
          --provision-concurrency 8
          --out FILE.md            append the markdown section there
          --command "..."          how the benchmark was started (for the report)
          --server-command "..."   how the center was started (for the report)
          --machine "..."          machine line for the report
          --revision "..."         source revision of the center (for the report)
          --dotnet-counters PATH   optional: read the center's GC heap with dotnet-counters
          --dotnet-gcdump PATH     optional: live heap after a full GC (dotnet-gcdump forces one)
          --business-start T --business-anchor T   when the center runs Ioc:Clock:Start
          --region hanoi           the center's Ioc:Region (a province code, or vn): the fleet's wards
          --period 0               open loop: each device sends one batch every N seconds (0: closed loop)
          --bare true              the target is a bare endpoint: no sign-in, provisioning or final check
          --target "center"        what the target is called in the report
          --mqtt HOST:PORT         devices publish over MQTT (QoS 1) to that broker instead of POST /api/v1/telemetry
          --settle 0               seconds to wait for the figures after each phase (a broker that acknowledges on receipt)
        """;

    public static BenchOptions Parse(string[] args)
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
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        DateTimeOffset? Time(string name) => Get(name) is { Length: > 0 } v ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture) : null;

        var options = new BenchOptions
        {
            Url = new Uri(Get("url") ?? throw new ArgumentException("--url is required.")),
            AdminUser = Get("admin-user") ?? "admin",
            AdminPassword = Get("admin-password") ?? throw new ArgumentException("--admin-password is required."),
            Pids = (Get("pid") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList(),
            IngestUrl = Get("ingest-url") is { Length: > 0 } iu ? new Uri(iu) : null,
            Devices = Int("devices", 3000),
            Concurrency = Int("concurrency", 32),
            ProvisionConcurrency = Int("provision-concurrency", 8),
            Batches = (Get("batches") ?? "1,100,1000").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
            Warmup = TimeSpan.FromSeconds(double.Parse(Get("warmup") ?? "5", CultureInfo.InvariantCulture)),
            Duration = TimeSpan.FromSeconds(double.Parse(Get("duration") ?? "25", CultureInfo.InvariantCulture)),
            BusinessShare = double.Parse(Get("business-share") ?? "0.025", CultureInfo.InvariantCulture),
            DevicePrefix = Get("device-prefix") ?? "",
            Out = Get("out"),
            Command = Get("command") ?? "",
            ServerCommand = Get("server-command") ?? "",
            Machine = Get("machine") ?? "",
            Revision = Get("revision") ?? "",
            DotnetCounters = Get("dotnet-counters") is { Length: > 0 } dc ? dc : null,
            DotnetGcdump = Get("dotnet-gcdump") is { Length: > 0 } dg ? dg : null,
            BusinessStart = Time("business-start"),
            BusinessAnchor = Time("business-anchor"),
            Seed = Int("seed", 20261122),
            Region = Get("region") ?? "hanoi",
            PeriodSeconds = double.Parse(Get("period") ?? "0", CultureInfo.InvariantCulture),
            Bare = string.Equals(Get("bare"), "true", StringComparison.OrdinalIgnoreCase),
            Target = Get("target") ?? "center",
            Mqtt = Get("mqtt") is { Length: > 0 } mq ? mq : null,
            SettleSeconds = Int("settle", 0),
        };
        if (options.Devices < 4) throw new ArgumentException("--devices must be at least 4.");
        if (options.Batches.Any(b => b is < 1 or > 5000)) throw new ArgumentException("batch sizes must be 1 to 5,000.");
        if (options.Concurrency < 1) throw new ArgumentException("--concurrency must be at least 1.");
        return options;
    }
}
