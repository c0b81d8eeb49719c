using Ioc.Simulator.Network;

namespace Ioc.Simulator.Runtime;

/// <summary>Counters of what the simulator has sent.</summary>
public sealed class SimulatorStats
{
    private long _generated, _posts, _accepted, _duplicates, _retries, _dropped;
    private readonly long[] _deliveries = new long[Enum.GetValues<DeliveryKind>().Length];

    public long Generated => Interlocked.Read(ref _generated);
    public long Posts => Interlocked.Read(ref _posts);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Retries => Interlocked.Read(ref _retries);
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches handed to the transport, by why they went when they did (late, reordered, repeated, ...).</summary>
    public long Deliveries(DeliveryKind kind) => Interlocked.Read(ref _deliveries[(int)kind]);

    internal void AddGenerated(long n) => Interlocked.Add(ref _generated, n);
    internal void AddPost() => Interlocked.Increment(ref _posts);
    internal void AddAccepted(long n, long d) { Interlocked.Add(ref _accepted, n); Interlocked.Add(ref _duplicates, d); }
    internal void AddRetry() => Interlocked.Increment(ref _retries);
    internal void AddDropped(long n) => Interlocked.Add(ref _dropped, n);
    internal void AddDelivery(DeliveryKind kind) => Interlocked.Increment(ref _deliveries[(int)kind]);
}
