using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Ioc.Bench.Live;

/// <summary>What one ward showed in one frame.</summary>
public readonly record struct WardFigures(int Waiting, int TicketsIssued, int DossiersReceived, DateTimeOffset? UpdatedAt);

/// <summary>A frame that carried a sample's event: when it arrived here and what it said.</summary>
public sealed record Hit(long ArrivalTs, DateTimeOffset ArrivalUtc, DateTimeOffset At, int Waiting);

/// <summary>
/// One event in flight. A frame shows it when the ward's <c>ticketsIssued</c> is past what the
/// last frame before the POST showed <b>and</b> the ward's <c>updatedAt</c> (the business instant
/// of its last applied business event) is not before the POST started. The second condition keeps
/// a simulator ticket applied just before the POST, but not yet in a frame, from passing for ours.
/// </summary>
public sealed class PendingSample(string ward, DateTimeOffset businessStart, int wallBase, int wardBase)
{
    public string Ward { get; } = ward;
    public DateTimeOffset BusinessStart { get; } = businessStart;
    public int WallBase { get; } = wallBase;
    public int WardBase { get; } = wardBase;
    public TaskCompletionSource<Hit> Wall { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<Hit> WardFrame { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Shows(WardFigures f, int @base) =>
        f.TicketsIssued >= @base + 1 && f.UpdatedAt is { } u && u >= BusinessStart - TimeSpan.FromMilliseconds(1);
}

/// <summary>
/// The measuring client: one admin connection to <c>/hubs/ioc</c> (WebSockets) that keeps the wall
/// as a delta client does (<c>UseDeltas()</c>: one full <c>wall</c> frame, then <c>wallDelta</c>
/// frames with the changed wards, checking <c>seq</c> and asking for a full frame after a gap; or
/// full frames with <c>--deltas false</c>), watches the sample wards (<c>ward</c> frames), and
/// tells the sampler when the frame showing its event arrived. It also keeps every frame's time
/// and the sample wards' figures, for the browser check and for the simulator's activity.
/// </summary>
public sealed class Probe : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly HashSet<string> _wards = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WardFigures> _lastWall = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WardFigures> _lastWard = new(StringComparer.Ordinal);
    private volatile PendingSample? _pending;
    private readonly bool _deltas;
    private long _seq;
    /// <summary>Frames whose seq did not follow the one before (each answered with RequestFull).</summary>
    public int SeqGaps;

    /// <summary>Every wall frame: at, arrival (Stopwatch), city tickets issued (sum over wards), bytes ≈ wards' JSON.</summary>
    public ConcurrentQueue<(DateTimeOffset At, long ArrivalTs, long CityIssued, long CityReceived)> Frames { get; } = new();
    /// <summary>Per frame <c>at</c> (round-trip "O" text, as the wall page writes it) → waiting of each sample ward.</summary>
    public ConcurrentDictionary<string, Dictionary<string, int>> WaitingByFrame { get; } = new(StringComparer.Ordinal);
    /// <summary>Changes seen per ward in the warm-up (updatedAt moved), to pick a quiet and a busy ward.</summary>
    public ConcurrentDictionary<string, int> UpdatesByWard { get; } = new(StringComparer.Ordinal);
    public int WardFrames;
    public bool CountUpdates { get; set; }
    /// <summary>With --trace: one line per frame (wall and ward) with the sample wards' figures.</summary>
    public ConcurrentQueue<string>? Trace { get; set; }

    public Probe(Uri url, string token, bool deltas)
    {
        _deltas = deltas;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(url, "/hubs/ioc"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connection.ServerTimeout = TimeSpan.FromSeconds(60);
        _connection.HandshakeTimeout = TimeSpan.FromSeconds(30);
        _connection.On<JsonElement>("wall", OnWall);
        _connection.On<JsonElement>("wallDelta", OnWall);
        _connection.On<JsonElement>("ward", OnWard);
        _connection.On<JsonElement>("alert", _ => { });
    }

    public async Task Start()
    {
        await _connection.StartAsync();
        if (_deltas) await _connection.InvokeAsync("UseDeltas");
    }

    public async Task Watch(string ward)
    {
        lock (_gate) _wards.Add(ward);
        await _connection.InvokeAsync("WatchWard", ward);
    }

    public int WardCount { get { lock (_gate) return _lastWall.Count; } }

    public WardFigures? LastWall(string ward) { lock (_gate) return _lastWall.TryGetValue(ward, out var f) ? f : null; }

    /// <summary>Arms detection for one event; call right before its POST.</summary>
    public PendingSample Arm(string ward, DateTimeOffset businessStart)
    {
        lock (_gate)
        {
            var p = new PendingSample(ward, businessStart, _lastWall.TryGetValue(ward, out var w) ? w.TicketsIssued : 0,
                _lastWard.TryGetValue(ward, out var d) ? d.TicketsIssued : 0);
            _pending = p;
            return p;
        }
    }

    /// <summary>Arms detection for the second of two events posted back to back: both must be in the frame.</summary>
    public PendingSample ArmSecond(PendingSample first, DateTimeOffset businessStart)
    {
        var p = new PendingSample(first.Ward, businessStart, first.WallBase + 1, first.WardBase + 1);
        _pending = p;
        return p;
    }

    public void Disarm() => _pending = null;

    private static WardFigures Figures(JsonElement w) => new(
        w.GetProperty("waiting").GetInt32(),
        w.TryGetProperty("ticketsIssued", out var i) ? i.GetInt32() : 0,
        w.TryGetProperty("dossiers", out var d) && d.TryGetProperty("received", out var r) ? r.GetInt32() : 0,
        w.TryGetProperty("updatedAt", out var u) && u.ValueKind == JsonValueKind.String ? u.GetDateTimeOffset() : null);

    private void OnWall(JsonElement frame)
    {
        var arrival = Stopwatch.GetTimestamp();
        var arrivalUtc = DateTimeOffset.UtcNow;
        var at = frame.GetProperty("at").GetDateTimeOffset();
        var seq = frame.TryGetProperty("seq", out var s) ? s.GetInt64() : 0;
        if (Interlocked.Exchange(ref _seq, seq) is var last && last != 0 && seq != last + 1)
        {
            Interlocked.Increment(ref SeqGaps);
            if (_deltas) _ = _connection.InvokeAsync("RequestFull");
        }
        long cityIssued = 0, cityReceived = 0;
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = _pending;
        Hit? hit = null;
        lock (_gate)
        {
            foreach (var w in frame.GetProperty("wards").EnumerateArray())
            {
                var code = w.GetProperty("code").GetString()!;
                var f = Figures(w);
                if (CountUpdates && (!_lastWall.TryGetValue(code, out var before) || before.UpdatedAt != f.UpdatedAt))
                    UpdatesByWard.AddOrUpdate(code, 1, (_, n) => n + 1);
                _lastWall[code] = f;
                if (pending is not null && code == pending.Ward && !pending.Wall.Task.IsCompleted && pending.Shows(f, pending.WallBase))
                    hit = new Hit(arrival, arrivalUtc, at, f.Waiting);
            }
            // A delta holds only the changed wards: the city's counts come from the whole picture.
            foreach (var f in _lastWall.Values)
            {
                cityIssued += f.TicketsIssued;
                cityReceived += f.DossiersReceived;
            }
            foreach (var code in _wards) if (_lastWall.TryGetValue(code, out var f)) waiting[code] = f.Waiting;
        }
        WaitingByFrame[at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)] = waiting;
        Frames.Enqueue((at, arrival, cityIssued, cityReceived));
        if (Trace is { } trace)
            lock (_gate)
                trace.Enqueue($"{arrivalUtc:O},wall,{at:O}," + string.Join(",", _wards.Order(StringComparer.Ordinal).Select(c =>
                    _lastWall.TryGetValue(c, out var f) ? $"{c}:{f.TicketsIssued}:{f.Waiting}:{f.UpdatedAt:HH:mm:ss.fff}" : c)));
        if (hit is not null) pending!.Wall.TrySetResult(hit);
    }

    private void OnWard(JsonElement detail)
    {
        var arrival = Stopwatch.GetTimestamp();
        var arrivalUtc = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref WardFrames);
        var code = detail.GetProperty("code").GetString()!;
        var f = Figures(detail);
        lock (_gate) _lastWard[code] = f;
        Trace?.Enqueue($"{arrivalUtc:O},ward,,{code}:{f.TicketsIssued}:{f.Waiting}:{f.UpdatedAt:HH:mm:ss.fff}");
        var pending = _pending;
        if (pending is not null && code == pending.Ward && !pending.WardFrame.Task.IsCompleted && pending.Shows(f, pending.WardBase))
            pending.WardFrame.TrySetResult(new Hit(arrival, arrivalUtc, default, f.Waiting));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
