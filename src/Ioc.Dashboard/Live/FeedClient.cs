using System.Threading.Channels;

namespace Ioc.Dashboard.Live;

/// <summary>
/// One connection's wall feed: its own <c>seq</c>, whether it asked for deltas, and one loop that
/// sends in order, so a full frame and the deltas after it always fit together. A new update only
/// wakes the loop; when free it sends one frame from where the connection's picture stands to the
/// latest update (a delta of every ward changed meanwhile, or a full frame). So a connection, or a
/// whole process, that cannot keep up with four frames a second gets fewer, fresher frames instead
/// of a backlog that ages. A ward chief's feed (<see cref="Ward"/>) holds their ward only and moves
/// only when it changed. Until <c>UseDeltas()</c> every frame is a full one, so the picture the
/// client holds is whole: deltas go on from the last full frame sent, one full frame in all.
/// </summary>
public sealed class FeedClient
{
    private sealed record Full;

    private sealed record Wake;

    /// <summary>Done once the frames before the switch (and the full frame, if one was due) are sent.</summary>
    private sealed record SwitchToDeltas(TaskCompletionSource Done);

    private static readonly Wake Woken = new();
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IIocClient _client;
    private readonly WallHistory _history;
    private int _wakePending;
    private bool _deltas;
    private long _seq;
    // The update the connection's picture stands at (-1: none sent yet).
    private long _synced = -1;

    public FeedClient(string connectionId, string? ward, IIocClient client, WallHistory history)
    {
        ConnectionId = connectionId;
        Ward = ward;
        _client = client;
        _history = history;
        _work.Writer.TryWrite(new Full());
    }

    public string ConnectionId { get; }

    /// <summary>The ward chief's ward; null for a city-wide connection.</summary>
    public string? Ward { get; }

    /// <summary>The history has a new update; one wake-up stands for any number of them.</summary>
    public void Offer()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _work.Writer.TryWrite(Woken);
    }

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
        await foreach (var item in _work.Reader.ReadAllAsync())
        {
            try
            {
                await Handle(item);
            }
            catch (Exception e)
            {
                failed(e);
            }
            finally
            {
                if (item is SwitchToDeltas s) s.Done.TrySetResult();
            }
        }
    }

    private Task Handle(object item)
    {
        switch (item)
        {
            case Wake:
                Volatile.Write(ref _wakePending, 0);
                return SendLatest();
            case SwitchToDeltas:
                _deltas = true;
                // Nothing sent yet (no picture at connect): the first full frame goes now, if there is one.
                return _synced < 0 ? SendFull(_history.Current) : Task.CompletedTask;
            default:
                return SendFull(_history.Current);
        }
    }

    private async Task SendLatest()
    {
        var missed = _synced < 0 ? null : _history.After(_synced);
        if (missed is { Count: 0 }) return;
        if (missed is null || missed.Any(u => u.Reset))
        {
            // Nothing sent yet, too far behind, or the picture was read whole again.
            if (_history.Current is { } now && now.Number > _synced) await SendFull(now);
            return;
        }
        var latest = missed[^1];
        _synced = latest.Number;
        if (Ward is { } ward && !missed.Any(u => u.Touches(ward))) return;
        if (!_deltas)
        {
            await _client.Wall(new SequencedFrame(++_seq, latest.Full(Ward)));
            return;
        }
        var body = missed.Count == 1 ? latest.Delta(Ward) : latest.DeltaSince(missed, Ward);
        await _client.WallDelta(new SequencedFrame(++_seq, body));
    }

    private async Task SendFull(WallUpdate? update)
    {
        if (update is null) return; // nothing to show yet: the first update comes whole
        _synced = update.Number;
        await _client.Wall(new SequencedFrame(++_seq, update.Full(Ward)));
    }
}
