using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Tests.Hostile;
using static Ioc.Testing.Telemetry;
using static Ioc.Tests.Support.ProblemAnswers;

namespace Ioc.Tests.Ingest;

/// <summary>The telemetry defects of issue 9, one rule each, against the real host.</summary>
public sealed class TelemetryDefectTests(HostileHost host) : IClassFixture<HostileHost>
{
    private async Task<HttpResponseMessage> PostBytes(string key, byte[] body, string contentType = "application/json", string? encoding = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/telemetry") { Content = new ByteArrayContent(body) };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        req.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (encoding is not null) req.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        return await host.Http.SendAsync(req);
    }

    private async Task<int> Tickets(string ward) => (await host.Get($"/api/v1/wards/{ward}")).GetProperty("ticketsIssued").GetInt32();

    public static TheoryData<string, string> NotText() => new()
    {
        { "ticket", "\\ud800" }, { "ticket", "\\udc00" }, { "service", "ho-\\ud83d" }, { "channel", "\\ud83d\\ud83d" },
        { "ticket", "\\xFF" }, { "service", "\\xC0\\x80" }, { "id", "\\xED\\xA0\\x80" }, { "deviceId", "\\xE2\\x82" }, { "ts", "\\x80" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task A_lone_surrogate_or_bytes_that_are_not_utf8_in_a_string_are_a_400_naming_index_and_field(string field, string bad)
    {
        var device = $"kiosk-text-{Guid.NewGuid():N}"[..24];
        var key = await host.Provision(device, "kiosk", "00097");
        var good = Issued(device, "00097", host.Now, "G1", "ho-tich", "kiosk");
        var broken = Issued(device, "00097", host.Now, "G2", "ho-tich", "kiosk");
        broken[field] = BadText.Marker;
        var bytes = bad.StartsWith("\\x", StringComparison.Ordinal)
            ? Convert.FromHexString(bad.Replace("\\x", "", StringComparison.Ordinal))
            : Encoding.ASCII.GetBytes(bad);
        var before = await Tickets("00097");
        var p = await Problem(await PostBytes(key, BadText.Inject(new JsonObject { ["events"] = new JsonArray(good, broken) }.ToJsonString(), bytes)), HttpStatusCode.BadRequest);
        Assert.Equal([(1, field)], Errors(p));
        Assert.Equal(before, await Tickets("00097"));
    }

    [Fact]
    public async Task A_field_name_that_is_not_utf8_is_refused()
    {
        var key = await host.Provision("kiosk-name", "kiosk", "00103");
        var e = Issued("kiosk-name", "00103", host.Now, "N1", "ho-tich", "kiosk");
        e["no" + BadText.Marker + "te"] = "x";
        var p = await Problem(await PostBytes(key, BadText.Inject(new JsonObject { ["events"] = new JsonArray(e) }.ToJsonString(), [0xFF])), HttpStatusCode.BadRequest);
        Assert.Equal(0, Errors(p).Single().Index);
        Assert.Equal(0, await Tickets("00103"));
    }

    [Fact]
    public async Task A_key_given_twice_is_refused_naming_it_even_when_the_last_value_is_valid()
    {
        var key = await host.Provision("kiosk-twice", "kiosk", "00136");
        var e = Issued("kiosk-twice", "00136", host.Now, "T1", "ho-tich", "kiosk").ToJsonString();
        var twice = "{\"events\":[" + e[..^1] + ",\"service\":\"visa\",\"service\":\"dat-dai\"}]}";
        var p = await Problem(await PostBytes(key, Encoding.UTF8.GetBytes(twice)), HttpStatusCode.BadRequest);
        Assert.Contains((0, "service"), Errors(p));
        Assert.Equal(0, await Tickets("00136"));
    }

    [Theory]
    [InlineData("2026-11-25T09:00:02.120 +07:00")]
    [InlineData("2026-11-25 09:00:02+07:00")]
    [InlineData("2026-11-25T09:00:02")]
    [InlineData("2026-11-25T09:00:02+0700")]
    public async Task A_time_that_is_not_rfc3339_exactly_is_refused_and_raises_nothing(string dueAt)
    {
        var device = $"dvc-time-{Guid.NewGuid():N}"[..20];
        var key = await host.Provision(device, "dossier-system", "00145");
        var e = Received(device, "00145", host.Now, $"HS-{Guid.NewGuid():N}"[..12], host.Now);
        e["dueAt"] = dueAt;
        var p = await Problem(await host.PostTelemetry(key, e), HttpStatusCode.BadRequest);
        Assert.Equal([(0, "dueAt")], Errors(p));
        var ts = Issued(device, "00145", host.Now, "S1", "ho-tich");
        ts["ts"] = dueAt;
        Assert.Equal([(0, "ts")], Errors(await Problem(await host.PostTelemetry(key, ts), HttpStatusCode.BadRequest)));
        Assert.DoesNotContain((await host.Get("/api/v1/alerts?ward=00145")).EnumerateArray(), a => a.GetProperty("kind").GetString()!.StartsWith("dossier", StringComparison.Ordinal));
        Assert.Equal(0, (await host.Get("/api/v1/wards/00145")).GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task A_ticket_from_year_0001_or_older_than_48_hours_is_refused_while_an_old_dossier_is_accepted()
    {
        var key = await host.Provision("dvc-old", "dossier-system", "00160");
        foreach (var ts in new[] { "0001-01-01T00:00:00Z", CenterHost.Rfc3339(host.Now.AddHours(-49)) })
        {
            var e = Issued("dvc-old", "00160", host.Now, "O1", "ho-tich");
            e["ts"] = ts;
            Assert.Equal([(0, "ts")], Errors(await Problem(await host.PostTelemetry(key, e), HttpStatusCode.BadRequest)));
        }
        var detail = await host.Get("/api/v1/wards/00160");
        Assert.Equal(0, detail.GetProperty("waiting").GetInt32());
        // A dossier system connecting late may send last week's dossiers.
        await host.PostAccepted(key, Received("dvc-old", "00160", host.Now.AddDays(-10), "HS-OLD", host.Now.AddDays(2)));
        Assert.Equal(1, (await host.Get("/api/v1/wards/00160")).GetProperty("dossiers").GetProperty("inProgress").GetInt32());
    }

    [Fact]
    public async Task A_floor_longer_than_256_characters_is_refused_and_the_ward_stays_small()
    {
        var key = await host.Provision("robot-floor", "robot", "00118");
        var e = RobotState("robot-floor", "00118", host.Now);
        e["pose"]!["floor"] = new string('G', 900 * 1024);
        Assert.Equal([(0, "pose.floor")], Errors(await Problem(await host.PostTelemetry(key, e), HttpStatusCode.BadRequest)));
        e["pose"]!["floor"] = new string('G', 257);
        Assert.Equal([(0, "pose.floor")], Errors(await Problem(await host.PostTelemetry(key, e), HttpStatusCode.BadRequest)));
        e["pose"]!["floor"] = new string('G', 256);
        await host.PostAccepted(key, e);
    }

    [Theory]
    [InlineData("application/json", "br")]
    [InlineData("application/json", "deflate")]
    [InlineData("application/json", "bogus")]
    [InlineData("application/jsonx", null)]
    [InlineData("text/json", null)]
    [InlineData("application/json; charset=latin1", null)]
    public async Task An_encoding_other_than_gzip_or_a_type_other_than_json_is_a_415(string contentType, string? encoding)
    {
        var device = $"kiosk-415-{Guid.NewGuid():N}"[..22];
        var key = await host.Provision(device, "kiosk", "00166");
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["events"] = new JsonArray(Issued(device, "00166", host.Now, $"C{Guid.NewGuid():N}"[..10], "ho-tich", "kiosk")) }.ToJsonString());
        var before = await Tickets("00166");
        await Problem(await PostBytes(key, body, contentType, encoding), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await Tickets("00166"));
        // What telemetry-v1 allows still goes in: parameters, any case, gzip.
        Assert.Equal(HttpStatusCode.Accepted, (await PostBytes(key, body, "Application/JSON; charset=\"UTF-8\"; v=1")).StatusCode);
        Assert.Equal(before + 1, await Tickets("00166"));
    }

    [Fact]
    public async Task A_body_that_stalls_or_trickles_is_a_408()
    {
        var key = await host.Provision("robot-slow", "robot", "00175");
        foreach (var mode in new[] { SlowBody.Mode.Stall, SlowBody.Mode.Trickle })
        {
            var (status, response) = await SlowBody.Send(host.BaseUrl, key, mode, TestContext.Current.CancellationToken);
            Assert.True(status == 408, $"{mode}: {response}");
            Assert.Contains("application/problem+json", response);
        }
    }

    [Fact]
    public async Task The_error_list_holds_the_first_100_errors_and_the_total()
    {
        var key = await host.Provision("counter-many", "counter", "00127");
        var e = CounterState("counter-many", "00127", host.Now, "1", "open");
        e["services"] = new JsonArray([.. Enumerable.Range(0, 250_000).Select(i => (JsonNode)"x")]);
        var r = await host.PostTelemetry(key, e);
        var size = (await r.Content.ReadAsByteArrayAsync()).Length;
        var p = await Problem(r, HttpStatusCode.BadRequest);
        Assert.Equal(100, p.GetProperty("errors").GetArrayLength());
        Assert.Equal(250_000, p.GetProperty("errorCount").GetInt32());
        Assert.True(size < 16 * 1024, $"{size} bytes");
    }

    [Fact]
    public async Task Digitized_and_received_at_still_go_in()
    {
        var key = await host.Provision("dvc-digital", "dossier-system", "00190");
        var e = Received("dvc-digital", "00190", host.Now, "HS-DIG", host.Now.AddDays(3));
        e["digitized"] = true;
        e["receivedAt"] = "00004";
        await host.PostAccepted(key, e);
        e["id"] = NextId();
        e["receivedAt"] = "0004";
        Assert.Equal([(0, "receivedAt")], Errors(await Problem(await host.PostTelemetry(key, e), HttpStatusCode.BadRequest)));
    }
}
