using Ioc.Silo.Hosting;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Ioc.Silo.Log;

/// <summary>
/// The silo's connection to Redis for the wards' logs, opened asynchronously, as the silo starts. Opened
/// lazily and synchronously by the first ward instead, it blocked inside an activation: with every ward
/// waking at once, the waiting activations held the thread-pool threads the connect needed, and the
/// wards took 30 s to wake (their Wake calls timed out).
/// </summary>
public sealed class RedisConnection(string configuration) : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() => Open(configuration));

    /// <summary>The connection, once open (the first caller starts opening it, if the silo's start did not).</summary>
    public Task<ConnectionMultiplexer> Multiplexer() => _multiplexer.Value;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RedisConnection), ServiceLifecycleStage.RuntimeInitialize,
            cancellation => _multiplexer.Value.WaitAsync(cancellation), _ => Task.CompletedTask);

    private static Task<ConnectionMultiplexer> Open(string configuration)
    {
        var options = RedisSettings.For(configuration);
        // Keep trying in the background when Redis is away for a moment, as the Orleans providers do.
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_multiplexer.IsValueCreated) return;
        var multiplexer = await _multiplexer.Value.ConfigureAwait(false);
        await multiplexer.DisposeAsync().ConfigureAwait(false);
    }
}
