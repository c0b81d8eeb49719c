using Ioc.Silo.Devices;
using Ioc.Silo.Hosting;
using Ioc.Silo.Wards;
using Ioc.Silo.Storage;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Ioc.Tests.Support;

/// <summary>
/// An in-process Orleans cluster whose business and wall clocks are one <see cref="FakeTimeProvider"/>,
/// with grain state in a real SQLite file. Starts on a Wednesday at 09:00 in Hanoi.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, HanoiTime.Offset);

    public FakeTimeProvider Time { get; } = new(Start);
    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "ioc-grains-" + Guid.NewGuid().ToString("N"));
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var clock = new IocClock(Time);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(clock);
            silo.Services.AddSingleton(WardDirectory.Load(WardDirectory.HanoiRegion));
            silo.Services.Configure<WardRulesOptions>(_ => { });
            silo.Services.AddSingleton<DeviceLiveness>();
            silo.Services.AddSingleton<OrleansGrainStorageSerializer>();
            silo.Services.AddSqliteWardLog(DataPath);
            silo.Services.AddGrainStorage(IocSiloHosting.StorageName, (sp, name) => new SqliteGrainStorage(
                name, Path.Combine(DataPath, "grains.db"), sp.GetRequiredService<OrleansGrainStorageSerializer>(),
                sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    /// <summary>Moves both clocks; timers due in between fire.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    public DateTimeOffset Now => Time.GetUtcNow();
}

public static class Eventually
{
    /// <summary>Polls until the condition holds: for effects that arrive through a timer's call.</summary>
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(50);
        }
    }
}
