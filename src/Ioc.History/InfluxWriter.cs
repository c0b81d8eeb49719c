using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.History;

/// <summary>
/// Background writer: <see cref="Write(Point)"/> never blocks on InfluxDB. Points go to a bounded in-memory
/// channel; when it is full, or while InfluxDB cannot be reached, they go to spill files instead. One loop
/// sends batches of up to <see cref="InfluxOptions.BatchSize"/> lines, retries with exponential backoff
/// and replays the spill in order once the server is back.
/// </summary>
/// <remarks>
/// Order is kept with one invariant: everything in the spill is newer than everything in the memory
/// queue. Once a point was spilled, later points are spilled too until the loop has drained the spill;
/// when a batch from memory fails, it and the rest of the queue are put in front of the spill.
/// In the normal case each point is sent once. A request that fails after the server stored it (influxd
/// killed before it answered) is sent again; InfluxDB keeps one point per series and timestamp (the later
/// write overwrites), so a retry never duplicates data. Points without timestamp are stamped when queued
/// for the same reason.
/// </remarks>
public sealed partial class InfluxWriter : IAsyncDisposable
{
    private readonly InfluxConnection _connection;
    // When set, the database and its policies are in place before the first point goes out.
    private readonly InfluxSchema? _schema;
    private readonly InfluxOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<string> _queue;
    private readonly SpillStore _spill;

    // Guards _spilling, _closed, _accepted, the spill store and the move of the queue into the spill.
    private readonly Lock _gate = new();
    private readonly Lock _waitersGate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];

    // Cancelled when disposal starts (stop waiting for more points) and when it gives up delivering.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();

    // Loop-only state: lines that could not be moved to the spill (disk trouble) and the request body buffer.
    private readonly Queue<string> _carry = new();
    private readonly ArrayBufferWriter<byte> _body = new(256 * 1024);
    private readonly Task _loop;

    private bool _spilling;
    private bool _closed;
    private long _accepted;
    private long _completed;
    private long _written;
    private long _dropped;
    private int _waiterCount;
    private volatile bool _connected;
    private volatile bool _loopEnded;
    private volatile ErrorRecord? _lastError;
    private CancellationTokenSource? _fillWait;
    private int _disposed;

    public InfluxWriter(
        InfluxConnection connection,
        InfluxOptions options,
        ILogger<InfluxWriter>? logger = null,
        TimeProvider? timeProvider = null,
        InfluxSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _connection = connection;
        _schema = schema;
        _options = options;
        _logger = logger ?? NullLogger<InfluxWriter>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.MaxQueuedPoints)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // Points left by an earlier run (outage, crash) are replayed before anything new.
        _spill = new SpillStore(options.SpillPath, options.BatchSize);
        _accepted = _spill.Count;
        _spilling = _spill.Count > 0;
        if (_spill.Count > 0)
        {
            _logger.LogInformation("Replaying {Points} spilled InfluxDB points from {Path}", _spill.Count, _spill.DirectoryPath);
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a point; a point without timestamp is stamped now, so a replay overwrites instead of duplicating.</summary>
    /// <exception cref="ObjectDisposedException">The writer was stopped.</exception>
    /// <exception cref="IOException">The queue is full and the spill file cannot be written.</exception>
    public void Write(Point point)
    {
        ArgumentNullException.ThrowIfNull(point);
        Enqueue(point.ToLineProtocol(_time.GetUtcNow()));
    }

    public void Write(IEnumerable<Point> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var point in points)
        {
            Write(point);
        }
    }

    /// <summary>Queues one pre-formatted line (no newline; give it a timestamp so retries stay idempotent).</summary>
    public void WriteLineProtocol(string line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);
        if (line.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException("Pass one line of line protocol at a time, without line breaks.", nameof(line));
        }

        Enqueue(line);
    }

    /// <summary>
    /// Completes when every point queued before the call has been acknowledged (or refused) by InfluxDB.
    /// Sends partial batches at once instead of waiting for <see cref="InfluxOptions.FlushInterval"/>.
    /// While InfluxDB is down this waits for it; pass a token to give up.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        long target;
        lock (_gate)
        {
            target = _accepted;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            if (Interlocked.Read(ref _completed) >= target)
            {
                return Task.CompletedTask;
            }

            if (_loopEnded)
            {
                return Task.FromException(new InvalidOperationException(
                    $"The writer has stopped; {target - Interlocked.Read(ref _completed)} points wait in {_spill.DirectoryPath}."));
            }

            _waiters.Add((target, done));
            _waiterCount = _waiters.Count;
        }

        CancelFillWait();
        return done.Task.WaitAsync(cancellationToken);
    }

    public InfluxWriterStatus GetStatus()
    {
        long accepted;
        long spilled;
        lock (_gate)
        {
            accepted = _accepted;
            spilled = _spill.Count;
        }

        var error = _lastError;
        return new InfluxWriterStatus(
            Connected: _connected,
            Backlog: accepted - Interlocked.Read(ref _completed),
            SpilledPoints: spilled,
            LastError: error?.Message,
            LastErrorAt: error?.At,
            WrittenPoints: Interlocked.Read(ref _written),
            QueuedPoints: _queue.Reader.Count,
            DroppedPoints: Interlocked.Read(ref _dropped));
    }

    /// <summary>
    /// Stops accepting points and delivers what is queued for up to <see cref="InfluxOptions.ShutdownTimeout"/>;
    /// whatever is left stays in the spill for the next start.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _loop.ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _closed = true;
        }

        _abort.CancelAfter(_options.ShutdownTimeout);
        await _stopping.CancelAsync().ConfigureAwait(false);
        CancelFillWait();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
    }

    private void Enqueue(string line)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_spilling || !_queue.Writer.TryWrite(line))
            {
                _spill.Append(line);
                _spilling = true;
            }

            _accepted++;
        }
    }

    private sealed record ErrorRecord(string Message, DateTimeOffset At);
}
