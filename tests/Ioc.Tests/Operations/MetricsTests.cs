using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Operations;

/// <summary>The center with loopback scraping off and a scrape token: only that token (or an admin) reads /metrics.</summary>
public sealed class MetricsCenter : CenterHost
{
    public string ScrapeToken { get; } = "scrape-" + Guid.NewGuid().ToString("N");

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Ioc:Metrics:AllowLoopback", "false"),
        new("Ioc:Metrics:ScrapeToken", ScrapeToken),
    ];
}

/// <summary>
/// Meters are process-wide (Orleans' own, and ours by name): another test host in this process would
/// add its grains and clients to the same series, so these tests run on their own.
/// </summary>
[CollectionDefinition(nameof(MetricsAlone), DisableParallelization = true)]
public sealed class MetricsAlone;

/// <summary>A real Prometheus scrapes the center's OpenTelemetry metrics.</summary>
[Collection(nameof(MetricsAlone))]
public sealed class MetricsTests(MetricsCenter host) : IClassFixture<MetricsCenter>
{
    private async Task<HttpResponseMessage> Scrape(string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await host.Http.SendAsync(request);
    }

    [Fact]
    public async Task Only_the_scrape_token_or_an_admin_reads_the_metrics()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Scrape(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Scrape("not-the-token")).StatusCode);
        await host.CreateUser("city.metrics", "city-password-m", "city");
        Assert.Equal(HttpStatusCode.Forbidden, (await Scrape(await host.TokenFor("city.metrics", "city-password-m"))).StatusCode);
        var withToken = await Scrape(host.ScrapeToken);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("# TYPE", await withToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Scrape(await host.AdminToken())).StatusCode);
    }

    [Fact]
    public async Task Prometheus_sees_events_accepted_and_refused_by_reason_batch_latency_grains_by_type_and_live_clients()
    {
        const string ward = "00103";
        var key = await host.Provision("metrics-kiosk", "kiosk", ward);
        await using var prometheus = await PrometheusServer.StartAsync(host.BaseUrl.Authority, "/metrics", host.ScrapeToken);

        // 7 new events, then the same 7 again (duplicates), then a batch of 2 refused as invalid.
        var batch = Enumerable.Range(1, 7).Select(i => Issued("metrics-kiosk", ward, host.Now, $"M{i}", "ho-tich", "kiosk")).ToArray();
        await host.PostAccepted(key, batch);
        await host.PostAccepted(key, batch);
        var bad = await host.PostTelemetry(key, Issued("metrics-kiosk", ward, host.Now, "M8", "no-such-service"), Event("ticket.issued", "metrics-kiosk", ward, host.Now));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        async Task<double> Value(string promQl, double atLeast)
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            var last = 0.0;
            while (DateTime.UtcNow < until)
            {
                var result = await prometheus.Query(promQl);
                last = result.Sum(r => r.Value);
                if (result.Count > 0 && last >= atLeast) return last;
                await Task.Delay(250);
            }
            var names = (await prometheus.Query("orleans_grains")).Select(r => string.Join(",", r.Labels.Select(l => l.Key + "=" + l.Value)) + " " + r.Value);
            throw new TimeoutException($"{promQl}: {last} after 30 s, expected at least {atLeast}\n{string.Join("\n", names)}\n{await prometheus.Targets()}\n{prometheus.Log}");
        }

        // Other tests in this process may post too: counters only grow, so "at least".
        Assert.True(await Value("ioc_ingest_events_total{outcome=\"accepted\"}", 7) >= 7);
        Assert.True(await Value("ioc_ingest_events_total{outcome=\"duplicate\"}", 7) >= 7);
        Assert.True(await Value("ioc_ingest_events_total{outcome=\"refused\",reason=\"invalid\"}", 2) >= 2);
        Assert.True(await Value("ioc_ingest_batches_total{outcome=\"invalid\"}", 1) >= 1);
        Assert.True(await Value("ioc_ingest_batch_duration_seconds_count{outcome=\"accepted\"}", 2) >= 2);
        // Orleans' own meter: active grains by type; every one of the 126 wards is awake. The meter
        // counts the whole test process, where other centers may be running too: at least 126.
        Assert.True(await Value("orleans_grains{grain_type=\"ward\"}", 126) >= 126);
        // The live feed: a hub client connected now, and wall frames pushed.
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseUrl, "/hubs/ioc"), o => o.AccessTokenProvider = async () => await host.AdminToken())
            .Build();
        await using (hub)
        {
            await hub.StartAsync();
            Assert.True(await Value("ioc_live_clients{kind=\"hub\"}", 1) >= 1);
            await host.PostAccepted(key, Issued("metrics-kiosk", ward, host.Now, "M9", "ho-tich", "kiosk"));
            Assert.True(await Value("ioc_live_frames_total{kind=\"wall\"}", 1) >= 1);
        }
    }
}
