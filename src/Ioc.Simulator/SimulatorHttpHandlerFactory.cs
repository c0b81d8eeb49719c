namespace Ioc.Simulator;

/// <summary>
/// Makes the handler the simulator's HttpClient uses; the default is a pooled SocketsHttpHandler
/// (owned and disposed by the simulator). A handler from a custom factory is never disposed by it.
/// </summary>
public sealed class SimulatorHttpHandlerFactory(Func<HttpMessageHandler>? create)
{
    public bool OwnsHandlers => create is null;

    public HttpMessageHandler Create(int maxConnections) => create?.Invoke() ?? new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = Math.Max(2, maxConnections),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };
}
