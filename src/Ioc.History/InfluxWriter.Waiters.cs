namespace Ioc.History;

/// <summary>Completing flushes: the points acknowledged so far, and the waiters told when the loop ends.</summary>
public sealed partial class InfluxWriter
{
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
}
