using Ioc.Dashboard.Auth;
using Ioc.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ioc.Dashboard.Hosting;

/// <summary>
/// The simulator inside the embedded center. It still talks HTTP to this process, with its own
/// admin account ("simulator", password kept in the data folder), so it provisions and posts
/// exactly like real devices and a city script would.
/// </summary>
public sealed class EmbeddedSimulator
{
    public const string EnabledKey = "Ioc:Simulator:Enabled";

    private volatile string? _baseUrl;
    private volatile string? _password;

    public static bool IsEnabled(IConfiguration config) =>
        config.GetValue<bool?>(EnabledKey) ?? IocCenter.IsEmbedded(config);

    public static void Add(IServiceCollection services, IConfiguration config)
    {
        // A demo day goes by at an hour a minute from 07:45 unless the clock is set otherwise.
        config["Ioc:Clock:Speed"] ??= "60";
        config["Ioc:Clock:Start"] ??= "07:45";
        services.AddSingleton<EmbeddedSimulator>();
        services.AddIocSimulator(config);
        services.AddOptions<SimulatorOptions>().PostConfigure<EmbeddedSimulator, IServiceProvider>((o, self, sp) =>
        {
            o.BaseUrl ??= self._baseUrl;
            // MQTT devices of the simulator reach this process's own broker, whatever port it took.
            if (sp.GetService<Ioc.Ingest.Mqtt.EmbeddedBroker>() is { Port: > 0 } broker) o.MqttBroker ??= $"127.0.0.1:{broker.Port}";
            o.AdminUsername = AdminBootstrap.SimulatorUser;
            o.AdminPassword ??= self._password;
        });
    }

    /// <summary>Once the server listens: where to post, and as whom.</summary>
    public async Task Connect(IServer server, AdminBootstrap bootstrap, string dataPath)
    {
        _password = await bootstrap.EnsureSimulatorAccount(dataPath);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        // The simulator is in this process: reach it over loopback whatever interface it listens on.
        _baseUrl = address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1");
    }
}
