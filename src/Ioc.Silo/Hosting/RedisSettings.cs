using StackExchange.Redis;

namespace Ioc.Silo.Hosting;

/// <summary>How a silo talks to Redis: one place for the membership, grain state, reminder and ward-log connections.</summary>
public static class RedisSettings
{
    public static ConfigurationOptions For(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Completions on the .NET thread pool, not on the client's own pool of dedicated threads: with
        // the country's device grains reading and saving their state there, those threads' hand-offs
        // were 40 % of a silo's running samples (bench/run-cluster.sh with TRACE=).
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}
