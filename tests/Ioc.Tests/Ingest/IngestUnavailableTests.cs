using System.Net;
using Ioc.Ingest.Telemetry;
using Ioc.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Ingest;

/// <summary>The grains cannot be reached: the seam below ingest throws as Orleans does when no silo answers.</summary>
public sealed class UnavailableHost : CenterHost
{
    public ITelemetryDispatcher Dispatcher { get; } = Substitute.For<ITelemetryDispatcher>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Dispatcher);
}

public sealed class IngestUnavailableTests(UnavailableHost host) : IClassFixture<UnavailableHost>
{
    [Fact]
    public async Task When_the_cluster_cannot_apply_events_the_device_gets_503_with_retry_after()
    {
        host.Dispatcher.Dispatch(Arg.Any<ParsedBatch>()).ThrowsAsync(new SiloUnavailableException("no silo"));
        var key = await host.Provision("robot-503", "robot", "00004");
        var r = await host.PostTelemetry(key, RobotState("robot-503", "00004", host.Now));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await host.Dispatcher.Received(1).Dispatch(Arg.Is<ParsedBatch>(b => b.Robots.Count == 1));
    }
}
