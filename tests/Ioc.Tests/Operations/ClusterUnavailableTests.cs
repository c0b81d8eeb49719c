using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Dashboard.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Ioc.Tests.Operations;

/// <summary>
/// A request the grains cannot answer (the silo restarting) is a 503 problem with Retry-After, so a
/// client waits and retries; any other failure stays a 500.
/// </summary>
public sealed class ClusterUnavailableTests
{
    public static TheoryData<string> Unavailable => ["silo", "timeout", "aggregate"];

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task No_silo_answering_is_a_503_with_retry_after(string kind)
    {
        await using var app = await Start();
        var r = await app.GetTestClient().GetAsync($"/throw/{kind}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), r.Headers.RetryAfter?.Delta);
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_bug_stays_a_500()
    {
        await using var app = await Start();
        var r = await app.GetTestClient().GetAsync("/throw/bug", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        Assert.Null(r.Headers.RetryAfter);
    }

    private static async Task<WebApplication> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/throw/{kind}", string (string kind) => throw (kind switch
        {
            "silo" => new SiloUnavailableException("the silo is gone"),
            "timeout" => new TimeoutException("response did not arrive on time"),
            "aggregate" => new AggregateException(new SiloUnavailableException("the silo is gone")),
            _ => new InvalidOperationException("a bug"),
        }));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
