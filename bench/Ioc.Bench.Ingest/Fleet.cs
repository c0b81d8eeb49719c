using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Bench.Ingest;

public enum DeviceKind { Robot, Counter, Kiosk, DossierSystem }

/// <summary>
/// One simulated device. Its fields are touched only by the worker that holds <see cref="Busy"/>,
/// so two requests of one device are never built at once.
/// </summary>
public sealed class Device
{
    public required string Id { get; init; }
    public required DeviceKind Kind { get; init; }
    /// <summary>Null for the dossier-system (it writes every ward).</summary>
    public WardSim? Ward { get; init; }
    public string Key { get; set; } = "";
    public AuthenticationHeaderValue? Auth { get; set; }
    public int Busy;
    /// <summary><c>","deviceId":"…","ward":"…","ts":</c> pre-encoded (ward devices).</summary>
    public byte[] Head { get; init; } = [];
    /// <summary><c>","deviceId":"…","ward":"</c> pre-encoded (dossier-system).</summary>
    public byte[] HeadNoWard { get; init; } = [];
    public long LastTsMs;

    // Robot: where it is and what it does.
    public double X, Y, Yaw, Vx, Vy, Battery;
    public string Mode = "idle";
    public string? Issue;
    public int ModeLeft;

    // Counter: its desk.
    public string Label = "";
    public string Status = "open";
    public string[] Services = [];
    public int StatusLeft;
    /// <summary>Tickets this desk called (acknowledged) and has still to serve.</summary>
    public readonly List<string> Called = [];

    // The latest state the center acknowledged (largest ts), for the final check.
    public bool Acked;
    public long AckTsMs;
    public double AckX, AckY, AckBattery;
    public string? AckMode, AckStatus;
    public string[]? AckServices;
}

/// <summary>A ward as the generator sees it: tickets waiting, dossiers open, and what it was told (acknowledged).</summary>
public sealed class WardSim(string code, int index)
{
    public string Code { get; } = code;
    public int Index { get; } = index;
    public byte[] CodeBytes { get; } = Encoding.ASCII.GetBytes(code);
    public readonly ConcurrentQueue<string> Waiting = new();
    public readonly ConcurrentQueue<string> OpenDossiers = new();
    public long TicketSeq, DossierSeq;
    public long Issued, Called, Served, Ratings, DossiersReceived, DossiersResolved;
    public int Robots, Counters, Kiosks;
}

/// <summary>The devices of the run: mostly robots and counters spread over the region's wards, ~1% kiosks, one dossier-system.</summary>
public sealed class Fleet
{
    public IReadOnlyList<WardSim> Wards { get; }
    public IReadOnlyList<Device> Devices { get; }
    private readonly Device[] _order;
    private long _cursor = -1;

    public Fleet(int count, string prefix, int seed, string region = WardDirectory.HanoiRegion)
    {
        var rng = new Random(seed);
        Wards = WardDirectory.Load(region).All.Select((w, i) => new WardSim(w.Code, i)).ToList();
        var kiosks = Math.Max(1, (int)Math.Round(count * 0.01));
        var rest = count - 1 - kiosks;
        var robots = rest * 45 / 100;
        var counters = rest - robots;
        var devices = new List<Device>(count);
        for (var i = 0; i < robots; i++)
        {
            var ward = Wards[i % Wards.Count];
            var n = ++ward.Robots;
            var d = New($"{prefix}robot-{ward.Code}-{n:D2}", DeviceKind.Robot, ward);
            d.X = 2 + rng.NextDouble() * 16;
            d.Y = 2 + rng.NextDouble() * 12;
            d.Battery = 40 + rng.NextDouble() * 60;
            devices.Add(d);
        }
        for (var i = 0; i < counters; i++)
        {
            var ward = Wards[i % Wards.Count];
            var n = ++ward.Counters;
            var d = New($"{prefix}counter-{ward.Code}-{n:D2}", DeviceKind.Counter, ward);
            d.Label = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            d.Services = PickServices(rng);
            devices.Add(d);
        }
        for (var i = 0; i < kiosks; i++)
        {
            var ward = Wards[i * 37 % Wards.Count];
            var n = ++ward.Kiosks;
            devices.Add(New($"{prefix}kiosk-{ward.Code}-{n}", DeviceKind.Kiosk, ward));
        }
        devices.Add(New($"{prefix}dossier-system-hanoi", DeviceKind.DossierSystem, null));
        Devices = devices;
        _order = [.. devices];
        rng.Shuffle(_order);
    }

    private static Device New(string id, DeviceKind kind, WardSim? ward) => new()
    {
        Id = id,
        Kind = kind,
        Ward = ward,
        Head = ward is null ? [] : Encoding.ASCII.GetBytes($"\",\"deviceId\":\"{id}\",\"ward\":\"{ward.Code}\",\"ts\":"),
        HeadNoWard = Encoding.ASCII.GetBytes($"\",\"deviceId\":\"{id}\",\"ward\":\""),
    };

    public static string[] PickServices(Random rng)
    {
        var n = 1 + rng.Next(3);
        return [.. ServiceCodes.All.OrderBy(_ => rng.Next()).Take(n)];
    }

    public static string KindName(DeviceKind kind) => kind switch
    {
        DeviceKind.Robot => DeviceKinds.Robot,
        DeviceKind.Counter => DeviceKinds.Counter,
        DeviceKind.Kiosk => DeviceKinds.Kiosk,
        _ => DeviceKinds.DossierSystem,
    };

    /// <summary>The next free device, round robin over a shuffled order so every device sends at the same pace.</summary>
    public Device Acquire()
    {
        while (true)
        {
            var d = _order[(int)((ulong)Interlocked.Increment(ref _cursor) % (ulong)_order.Length)];
            if (Interlocked.CompareExchange(ref d.Busy, 1, 0) == 0) return d;
        }
    }

    public static void Release(Device d) => Volatile.Write(ref d.Busy, 0);

    public int Count(DeviceKind kind) => Devices.Count(d => d.Kind == kind);
}
