using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ioc.History.Tests;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void Without_url_nothing_is_registered()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ioc:Influx:Database"] = "ioc",
        }).Build();

        services.AddIocInflux(config);

        Assert.Empty(services);
    }

    [Fact]
    public async Task With_url_options_are_bound_and_services_registered()
    {
        var spill = Infrastructure.TestInflux.NewSpillPath();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ioc:Influx:Url"] = "http://127.0.0.1:1",
            ["Ioc:Influx:Database"] = "hanoi",
            ["Ioc:Influx:Token"] = "secret",
            ["Ioc:Influx:BatchSize"] = "1000",
            ["Ioc:Influx:FlushInterval"] = "00:00:02",
            ["Ioc:Influx:MaxQueuedPoints"] = "777",
            ["Ioc:Influx:SpillPath"] = spill,
        }).Build();
        var services = new ServiceCollection().AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));

        services.AddIocInflux(config);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<InfluxOptions>>().Value;
        Assert.Equal("hanoi", options.Database);
        Assert.Equal("secret", options.Token);
        Assert.Equal(1000, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FlushInterval);
        Assert.Equal(777, options.MaxQueuedPoints);
        Assert.NotNull(provider.GetRequiredService<InfluxReader>());
        Assert.NotNull(provider.GetRequiredService<InfluxSchema>());
        Assert.IsType<InfluxHostedService>(Assert.Single(provider.GetServices<IHostedService>()));
        var writer = provider.GetRequiredService<InfluxWriter>();
        Assert.Equal(0, writer.GetStatus().Backlog);
        await provider.DisposeAsync();
        Infrastructure.TestInflux.DeleteDirectory(spill);
    }

    [Fact]
    public void Invalid_settings_fail_validation()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ioc:Influx:Url"] = "http://127.0.0.1:8086",
            ["Ioc:Influx:BatchSize"] = "10000",
        }).Build();
        using var provider = new ServiceCollection().AddIocInflux(config).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InfluxOptions>>().Value);
        Assert.Contains("BatchSize", ex.Message, StringComparison.Ordinal);
    }
}
