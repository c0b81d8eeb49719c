namespace Ioc.Silo.Grains;

/// <summary>
/// Group commit for a reentrant grain: <see cref="Commit"/> completes when a write that started
/// after the call has finished. Calls made while a write is under way share the next one, so a busy
/// grain writes once per round, not once per batch. Invariant: every change a caller waits for was
/// made, within one turn, before it called <see cref="Commit"/>, so the next round's write holds it.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;

    public bool Writing { get; private set; }

    public Task Commit()
    {
        var round = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Writing) _ = Rounds();
        return round.Task;
    }

    private async Task Rounds()
    {
        Writing = true;
        try
        {
            while (_next is { } round)
            {
                _next = null;
                try
                {
                    await write();
                    round.SetResult();
                }
                catch (Exception e)
                {
                    round.SetException(e);
                }
            }
        }
        finally
        {
            Writing = false;
        }
    }
}
