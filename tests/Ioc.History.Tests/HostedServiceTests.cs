using Ioc.History.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Ioc.History.Tests.Infrastructure.TestInflux;

namespace Ioc.History.Tests;

public sealed class HostedServiceTests(InfluxServerFixture influx)
{
    [Fact]
    public async Task Start_creates_database_and_retention_and_stop_flushes()
    {
        var database = NewDatabase();
        var spill = NewSpillPath();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ioc:Influx:Url"] = await influx.UrlAsync(),
            ["Ioc:Influx:Database"] = database,
            ["Ioc:Influx:SpillPath"] = spill,
            ["Ioc:Influx:FlushInterval"] = "01:00:00", // only the stop sends the point
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddIocInflux(config);

        await using (var provider = services.BuildServiceProvider())
        {
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(Ct);
            }

            // Start does not wait for InfluxDB: the setup runs in the background and soon has made both policies.
            var reader = provider.GetRequiredService<InfluxReader>();
            IReadOnlyList<InfluxSeries> policies = [];
            await WaitUntilAsync(() =>
            {
                try { policies = reader.QueryAsync($"SHOW RETENTION POLICIES ON {InfluxQl.QuoteIdentifier(database)}", Ct).GetAwaiter().GetResult(); }
                catch (InfluxException) { return false; }
                return policies.Count == 1 && policies[0].Column("name").Contains("hourly");
            }, TimeSpan.FromSeconds(20), "the retention policies exist");
            Assert.Contains("raw", policies.Single().Column("name"));
            Assert.Contains("hourly", policies.Single().Column("name"));

            var writer = provider.GetRequiredService<InfluxWriter>();
            await WaitUntilAsync(() => writer.GetStatus().Connected, TimeSpan.FromSeconds(10), "the writer has pinged InfluxDB");
            writer.Write(new Point("ward").Tag("ward", "00004").Field("waiting", 5).At(DateTimeOffset.UtcNow));

            foreach (var service in hosted)
            {
                await service.StopAsync(Ct);
            }

            Assert.Equal(1, writer.GetStatus().WrittenPoints);
            Assert.Equal(1, await CountAsync(provider.GetRequiredService<InfluxConnection>(), "ward", "waiting"));
        }

        DeleteDirectory(spill);
    }
}
