using System.Threading.Channels;

namespace Ioc.Dashboard.Live;

/// <summary>
/// One connection's wall feed: its own <c>seq</c>, whether it asked for deltas, and a queue that
/// one loop works through in order, so a full frame and the deltas after it always fit together
/// and a slow connection holds up only itself: one that fell behind gets one frame for all it
/// missed (a delta of every ward changed meanwhile, or the latest full frame), not a backlog. A ward
/// chief's feed (<see cref="Ward"/>) holds their ward only and moves only when it changed.
/// Until <c>UseDeltas()</c> every frame is a full one, so the picture the client holds is whole:
/// deltas go on from the last full frame sent, and a delta client gets one full frame in all.
/// </summary>
public sealed class FeedClient
{
    /// <summary>More frames than this waiting for a slow connection: it gets one frame for them all.</summary>
    private const int MaxBacklog = 8;

    private sealed record Full;

    /// <summary>Done once the frames before the switch (and the full frame, if one was due) are sent.</summary>
    private sealed record SwitchToDeltas(TaskCompletionSource Done);

    // Not SingleReader: that channel cannot count what waits in it.
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>();
    private readonly IIocClient _client;
    private readonly Func<WallUpdate?> _current;
    private bool _deltas;
    private long _seq;
    // The update the connection's picture stands at (-1: none sent yet).
    private long _synced = -1;

    public FeedClient(string connectionId, string? ward, IIocClient client, Func<WallUpdate?> current)
    {
        ConnectionId = connectionId;
        Ward = ward;
        _client = client;
        _current = current;
        _work.Writer.TryWrite(new Full());
    }

    public string ConnectionId { get; }

    /// <summary>The ward chief's ward; null for a city-wide connection.</summary>
    public string? Ward { get; }

    public void Offer(WallUpdate update) => _work.Writer.TryWrite(update);

    /// <summary>Deltas from now on; the task ends when the full frame they go on from has been sent.</summary>
    public Task UseDeltas()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(new SwitchToDeltas(done))) done.TrySetResult();
        return done.Task;
    }

    public void RequestFull() => _work.Writer.TryWrite(new Full());

    public void Close() => _work.Writer.TryComplete();

    public async Task Run(Action<Exception> failed)
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync())
        {
            var switches = new List<SwitchToDeltas>();
            try
            {
                if (reader.Count > MaxBacklog) await CatchUp(reader, switches);
                else if (reader.TryRead(out var item)) await Handle(item, switches);
            }
            catch (Exception e)
            {
                failed(e);
            }
            finally
            {
                foreach (var s in switches) s.Done.TrySetResult();
            }
        }
    }

    private Task Handle(object item, List<SwitchToDeltas> switches)
    {
        switch (item)
        {
            case SwitchToDeltas s:
                switches.Add(s);
                _deltas = true;
                // Nothing sent yet (no picture at connect): the first full frame goes now, if there is one.
                return _synced < 0 ? SendFull(_current()) : Task.CompletedTask;
            case Full:
                return SendFull(_current());
            case WallUpdate update:
                return Send(update);
            default:
                return Task.CompletedTask;
        }
    }

    private async Task CatchUp(ChannelReader<object> reader, List<SwitchToDeltas> switches)
    {
        var missed = new List<WallUpdate>();
        var full = false;
        while (reader.TryRead(out var item))
        {
            if (item is WallUpdate u) missed.Add(u);
            else if (item is SwitchToDeltas s)
            {
                switches.Add(s);
                _deltas = true;
            }
            else full = true;
        }
        missed.RemoveAll(u => u.Number <= _synced);
        if (!full && _synced >= 0 && missed.Count == 0) return;
        var chain = missed.Count > 0 && missed[0].Number == _synced + 1 && !missed.Any(u => u.Reset)
            && missed.Zip(missed.Skip(1)).All(p => p.Second.Number == p.First.Number + 1);
        if (full || !_deltas || !chain)
        {
            await SendFull(missed.Count > 0 && !full ? missed[^1] : _current());
            return;
        }
        var latest = missed[^1];
        _synced = latest.Number;
        if (Ward is { } ward && !missed.Any(u => u.Touches(ward))) return;
        await _client.WallDelta(new SequencedFrame(++_seq, latest.DeltaSince(missed, Ward)));
    }

    private async Task Send(WallUpdate update)
    {
        if (update.Number <= _synced) return; // a full frame sent since already holds it
        if (_synced < 0 || update.Reset || update.Number > _synced + 1)
        {
            await SendFull(update);
            return;
        }
        _synced = update.Number;
        if (Ward is { } ward && !update.Touches(ward)) return;
        var frame = new SequencedFrame(++_seq, _deltas ? update.Delta(Ward) : update.Full(Ward));
        await (_deltas ? _client.WallDelta(frame) : _client.Wall(frame));
    }

    private async Task SendFull(WallUpdate? update)
    {
        if (update is null) return; // nothing to show yet: the first update comes whole
        _synced = update.Number;
        await _client.Wall(new SequencedFrame(++_seq, update.Full(Ward)));
    }
}
