using Microsoft.Extensions.Logging;

namespace Ioc.History;

/// <summary>The writer's one loop: batches from memory or the spill, filled until full or the flush interval.</summary>
public sealed partial class InfluxWriter
{
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
}
