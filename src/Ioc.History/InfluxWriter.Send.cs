using System.Text;
using Microsoft.Extensions.Logging;

namespace Ioc.History;

/// <summary>Sending a batch, the connection state, moving memory to the spill and the backoff between attempts.</summary>
public sealed partial class InfluxWriter
{
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
            if (_schema is not null) await _schema.EnsureAsync(_options.EnsureRetention, _abort.Token).ConfigureAwait(false);
            result = await _connection.PostWriteAsync(_body.WrittenMemory, null, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException or OperationCanceledException)
        {
            MarkFailed(ex is OperationCanceledException ? "Shutdown timeout reached while writing" : ex.Message);
            return false;
        }

        _schema?.Answered(result.Status);
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
}
