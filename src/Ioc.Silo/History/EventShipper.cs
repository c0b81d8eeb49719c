using System.Collections.Concurrent;
using Ioc.History;
using Ioc.Silo.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.History;

/// <summary>
/// Feeds InfluxDB from the wards' durable logs, not from the ingest path: each ward's position (the last
/// seq stored in InfluxDB) is kept with the log, and only moves after InfluxDB took the points. A kill or
/// an outage loses nothing: what was acknowledged is in the log, and shipping starts again from the
/// position. Retries a second after a failure, so it resumes within a second or two of InfluxDB's return;
/// the silo never waits for InfluxDB to start.
/// </summary>
public sealed class EventShipper(IWardLog log, InfluxConnection influx, InfluxSchema schema, IOptions<InfluxOptions> options, TimeProvider time, ILogger<EventShipper> logger)
    : BackgroundService, IEventShipper
{
    public const string Reader = "influx";
    private const int PageSize = 5000;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, byte> _behind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _positions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private long _shipped;
    private DateTimeOffset? _lastShippedAt, _lastErrorAt;
    private string? _lastError;
    private bool _connected;

    public void LogGrew(string ward)
    {
        if (_behind.TryAdd(ward, 0) && _signal.CurrentCount == 0) _signal.Release();
    }

    public EventShipperStatus Status => new(_connected, Interlocked.Read(ref _shipped), _behind.Count, _lastShippedAt, _lastError, _lastErrorAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(Idle, stoppingToken);
                if (_behind.IsEmpty) continue;
                await ShipRound(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _connected = false;
                _lastError = e.Message;
                _lastErrorAt = time.GetUtcNow();
                logger.LogWarning("Events not shipped to InfluxDB yet ({Error}); retrying", e.Message);
                await Task.Delay(Retry, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One write: the unshipped records of the wards behind, up to a page in all.</summary>
    private async Task ShipRound(CancellationToken ct)
    {
        // The same setup as the writer's, before the first point: the raw policy must be the default first.
        await schema.EnsureAsync(options.Value.EnsureRetention, ct);
        var lines = new List<string>();
        var moved = new List<(string Ward, long Seq)>();
        var taken = new List<string>();
        try
        {
            foreach (var ward in _behind.Keys)
            {
                if (lines.Count >= PageSize) break;
                _behind.TryRemove(ward, out _);
                taken.Add(ward);
                var from = _positions.TryGetValue(ward, out var p) ? p : await log.Position(Reader, ward);
                var room = PageSize - lines.Count;
                var records = await log.Read(ward, from, room);
                if (records.Count == 0) continue;
                foreach (var r in records) lines.Add(EventPoints.Line(ward, r.Event));
                moved.Add((ward, records[^1].Seq));
                // A full page may have more behind it.
                if (records.Count == room) LogGrew(ward);
            }
            if (lines.Count > 0) await influx.WriteAsync(lines, cancellationToken: ct, precision: "ns");
        }
        catch (Exception e)
        {
            foreach (var ward in taken) LogGrew(ward);
            // InfluxDB may have lost its database (a fresh server): set it up again next round.
            if (e is InfluxException influxError) schema.Answered(influxError.StatusCode);
            throw;
        }
        if (lines.Count == 0) return;
        foreach (var (ward, seq) in moved)
        {
            await log.SetPosition(Reader, ward, seq);
            _positions[ward] = seq;
        }
        Interlocked.Add(ref _shipped, lines.Count);
        _connected = true;
        _lastError = null;
        _lastShippedAt = time.GetUtcNow();
    }
}
