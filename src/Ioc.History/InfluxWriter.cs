using System.Buffers;
using System.Text;
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
public sealed class InfluxWriter : IAsyncDisposable
{
    private readonly InfluxConnection _connection;
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
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _connection = connection;
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

    private async Task RunAsync()
    {
        var backoff = _options.RetryInitialDelay;
        // Lines taken from memory (carry or queue) that InfluxDB has not acknowledged yet; a spilled batch
        // is not in here because its segment stays in the spill until it is delivered.
        var batch = new List<string>(_options.BatchSize);
        var fromMemory = false;
        try
        {
            _connected = await _connection.PingAsync(_abort.Token).ConfigureAwait(false);
            if (!_connected)
            {
                RecordError($"No answer to /ping from {_connection.BaseUri}");
                _logger.LogWarning("InfluxDB at {Url} is not reachable; points are queued and spilled to {Path}",
                    _connection.BaseUri, _spill.DirectoryPath);
            }

            while (true)
            {
                // Read before looking for work: after disposal starts no new points can arrive.
                var stopping = _stopping.IsCancellationRequested;
                batch.Clear();
                fromMemory = false;
                SpillSegment? segment = null;
                TakeFromMemory(batch);
                if (batch.Count > 0)
                {
                    fromMemory = true;
                    if (batch.Count < _options.BatchSize && !stopping)
                    {
                        await FillBatchAsync(batch).ConfigureAwait(false);
                    }
                }
                else
                {
                    segment = TakeSpillSegment();
                    if (segment is null)
                    {
                        if (stopping)
                        {
                            break;
                        }

                        await WaitForPointsAsync().ConfigureAwait(false);
                        continue;
                    }

                    if (!TryReadSegment(segment, batch))
                    {
                        if (!await BackOffAsync(backoff).ConfigureAwait(false))
                        {
                            break;
                        }

                        backoff = NextBackoff(backoff);
                        continue;
                    }
                }

                if (!await SendAsync(batch).ConfigureAwait(false))
                {
                    if (fromMemory)
                    {
                        MoveMemoryToSpill(batch);
                        batch.Clear();
                        fromMemory = false;
                    }

                    if (!await BackOffAsync(backoff).ConfigureAwait(false))
                    {
                        break;
                    }

                    backoff = NextBackoff(backoff);
                    continue;
                }

                backoff = _options.RetryInitialDelay;
                if (segment is not null)
                {
                    RemoveSegment(segment);
                }

                Complete(batch.Count);
                batch.Clear();
                fromMemory = false;
            }
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "InfluxDB writer loop failed; queued points are kept in the spill");
            RecordError(ex.Message);
        }
        finally
        {
            // Anything still in memory must outlive the writer: it goes in front of the spill.
            MoveMemoryToSpill(fromMemory ? batch : []);
            lock (_gate)
            {
                _spill.Dispose();
            }

            FailWaiters();
        }
    }

    private void TakeFromMemory(List<string> batch)
    {
        while (batch.Count < _options.BatchSize && _carry.TryDequeue(out var carried))
        {
            batch.Add(carried);
        }

        while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var line))
        {
            batch.Add(line);
        }
    }

    private SpillSegment? TakeSpillSegment()
    {
        lock (_gate)
        {
            var segment = _spill.PeekOldest();
            if (segment is null && _carry.Count == 0)
            {
                // Spill drained: new points may use the memory queue again (it is empty, see the invariant).
                _spilling = false;
            }

            return segment;
        }
    }

    private bool TryReadSegment(SpillSegment segment, List<string> batch)
    {
        try
        {
            batch.AddRange(SpillStore.ReadLines(segment.Path));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(ex, "Cannot read spill segment {Path}; retrying", segment.Path);
            RecordError(ex.Message);
            return false;
        }
    }

    private void RemoveSegment(SpillSegment segment)
    {
        bool deleted;
        lock (_gate)
        {
            deleted = _spill.Remove(segment);
        }

        if (!deleted)
        {
            // Its points are in InfluxDB; a leftover file is only replayed (overwritten) after a restart.
            _logger.LogWarning("Could not delete delivered spill segment {Path}", segment.Path);
        }
    }

    // Waits for the queue, with the loop parked until a point arrives or disposal starts.
    private async Task WaitForPointsAsync()
    {
        try
        {
            await _queue.Reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposal: the next round drains and exits.
        }
    }

    // A partial batch waits up to FlushInterval for more points, unless someone flushes or the writer stops.
    private async Task FillBatchAsync(List<string> batch)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            TakeFromMemory(batch);
            var remaining = _options.FlushInterval - _time.GetElapsedTime(started);
            if (batch.Count >= _options.BatchSize || remaining <= TimeSpan.Zero
                || Volatile.Read(ref _waiterCount) > 0 || _stopping.IsCancellationRequested)
            {
                return;
            }

            using var timer = new CancellationTokenSource(remaining, _time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _stopping.Token);
            Volatile.Write(ref _fillWait, wait);
            try
            {
                // A flush that started before the field was set would not have cancelled this wait.
                if (Volatile.Read(ref _waiterCount) > 0 || !await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.CompareExchange(ref _fillWait, null, wait);
            }
        }
    }

    private void CancelFillWait()
    {
        try
        {
            Volatile.Read(ref _fillWait)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended in the meantime.
        }
    }

    // True when the batch is done with (acknowledged, or refused for good); false to retry.
    private async Task<bool> SendAsync(List<string> batch)
    {
        _body.Clear();
        foreach (var line in batch)
        {
            var span = _body.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length) + 1);
            var length = Encoding.UTF8.GetBytes(line, span);
            span[length] = (byte)'\n';
            _body.Advance(length + 1);
        }

        WriteResult result;
        try
        {
            result = await _connection.PostWriteAsync(_body.WrittenMemory, null, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException or OperationCanceledException)
        {
            MarkFailed(ex is OperationCanceledException ? "Shutdown timeout reached while writing" : ex.Message);
            return false;
        }

        if (result.Success)
        {
            MarkConnected();
            Interlocked.Add(ref _written, batch.Count);
            return true;
        }

        if (result.Permanent)
        {
            MarkConnected();
            var dropped = Math.Clamp(result.DroppedCount() ?? batch.Count, 0, batch.Count);
            Interlocked.Add(ref _written, batch.Count - dropped);
            Interlocked.Add(ref _dropped, dropped);
            RecordError($"HTTP {(int)result.Status}: {result.Error}");
            _logger.LogError("InfluxDB refused {Dropped} of {Points} points (HTTP {Status}): {Error}",
                dropped, batch.Count, (int)result.Status, result.Error);
            return true;
        }

        MarkFailed($"HTTP {(int)result.Status}: {result.Error}");
        return false;
    }

    private void MarkConnected()
    {
        // A write that went through clears the error: the status says how things are, not how they were.
        _lastError = null;
        if (!_connected)
        {
            _connected = true;
            _logger.LogInformation("InfluxDB at {Url} is reachable again", _connection.BaseUri);
        }
    }

    private void MarkFailed(string message)
    {
        RecordError(message);
        if (_connected)
        {
            _connected = false;
            _logger.LogWarning("InfluxDB write failed, spilling to {Path}: {Error}", _spill.DirectoryPath, message);
        }
        else
        {
            _logger.LogDebug("InfluxDB write failed again: {Error}", message);
        }
    }

    private void RecordError(string message) => _lastError = new ErrorRecord(message, _time.GetUtcNow());

    // The failed batch is the oldest, then the carry, then the queue: all older than the spill.
    private void MoveMemoryToSpill(List<string> batch)
    {
        lock (_gate)
        {
            var lines = new List<string>(batch.Count + _carry.Count + _queue.Reader.Count);
            lines.AddRange(batch);
            lines.AddRange(_carry);
            while (_queue.Reader.TryRead(out var line))
            {
                lines.Add(line);
            }

            if (lines.Count > 0)
            {
                _spilling = true;
            }

            _carry.Clear();
            try
            {
                _spill.Prepend(lines);
                _spill.Flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Keep them in memory (the amount cannot grow: new points try the spill while _spilling).
                _logger.LogError(ex, "Cannot write spill files in {Path}", _spill.DirectoryPath);
                foreach (var line in lines)
                {
                    _carry.Enqueue(line);
                }
            }
        }
    }

    // Waits before the next attempt; false when the shutdown timeout has passed and the loop should stop.
    private async Task<bool> BackOffAsync(TimeSpan delay)
    {
        lock (_gate)
        {
            _spill.Flush();
        }

        if (_abort.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay, _time, _abort.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private TimeSpan NextBackoff(TimeSpan current)
    {
        // ±20 % jitter so several writers do not hammer a recovering server in step.
        var next = current * 2 * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return next > _options.RetryMaxDelay ? _options.RetryMaxDelay : next;
    }

    private void Complete(int points)
    {
        var completed = Interlocked.Add(ref _completed, points);
        lock (_waitersGate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= completed)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }

            _waiterCount = _waiters.Count;
        }
    }

    private void FailWaiters()
    {
        lock (_waitersGate)
        {
            _loopEnded = true;
            var left = Interlocked.Read(ref _accepted) - Interlocked.Read(ref _completed);
            foreach (var (_, done) in _waiters)
            {
                done.TrySetException(new InvalidOperationException(
                    $"The writer stopped before the flush completed; {left} points wait in {_spill.DirectoryPath}."));
            }

            _waiters.Clear();
            _waiterCount = 0;
        }
    }

    private sealed record ErrorRecord(string Message, DateTimeOffset At);
}
