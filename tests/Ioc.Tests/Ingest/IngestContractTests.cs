using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;
using static Ioc.Tests.Support.ProblemAnswers;

namespace Ioc.Tests.Ingest;

public sealed class IngestHost : CenterHost
{
    // Low enough that the 429 test reaches it quickly; each test uses its own devices.
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Ioc:Ingest:RequestsPerSecond", "5"), new("Ioc:Ingest:Burst", "10")];
}

/// <summary>POST /api/v1/telemetry against telemetry-v1, through real HTTP.</summary>
public sealed class IngestContractTests(IngestHost host) : IClassFixture<IngestHost>
{
    [Fact]
    public async Task A_valid_batch_is_applied_and_repeating_it_counts_duplicates()
    {
        var key = await host.Provision("kiosk-dup", "kiosk", "00166");
        var batch = new[] { Issued("kiosk-dup", "00166", host.Now, "A001", "ho-tich", "kiosk"), Rating("kiosk-dup", "00166", host.Now, 5) };
        var first = await host.PostTelemetry(key, batch);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(JsonSerializer.SerializeToElement(new { accepted = 2, duplicates = 0 }).ToString(), (await first.Content.ReadFromJsonAsync<JsonElement>()).ToString());
        var again = await host.PostTelemetry(key, [.. batch.Select(e => e.DeepClone().AsObject())]);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 2), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32()));
        var ward = await host.Get("/api/v1/wards/00166");
        Assert.Equal((1, 1), (ward.GetProperty("ticketsIssued").GetInt32(), ward.GetProperty("waiting").GetInt32()));
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted()
    {
        var key = await host.Provision("robot-gzip", "robot", "00175");
        var json = new JsonObject { ["events"] = new JsonArray(RobotState("robot-gzip", "00175", host.Now, x: 5.5)) }.ToJsonString();
        var r = await host.PostTelemetryRaw(key, json, gzip: true);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var robot = (await host.Get("/api/v1/wards/00175")).GetProperty("robots").EnumerateArray().Single();
        Assert.Equal(5.5, robot.GetProperty("pose").GetProperty("x").GetDouble());
    }

    [Fact]
    public async Task A_missing_or_unknown_key_is_401()
    {
        var e = Issued("x", "00004", host.Now, "A1", "ho-tich");
        await Problem(await host.PostTelemetry(null, e), HttpStatusCode.Unauthorized);
        await Problem(await host.PostTelemetry("iocd_not-a-real-key", e), HttpStatusCode.Unauthorized);
        // A person's token is not a device key either.
        await Problem(await host.PostTelemetry(await host.AdminToken(), e), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_for_ward_A_writing_ward_B_or_another_device_is_403_and_changes_nothing()
    {
        var key = await host.Provision("kiosk-a", "kiosk", "00190");
        var before = (await host.Get("/api/v1/wards/00199")).GetProperty("ticketsIssued").GetInt32();
        var p = await Problem(await host.PostTelemetry(key,
            Issued("kiosk-a", "00190", host.Now, "A1", "ho-tich"),
            Issued("kiosk-a", "00199", host.Now, "A2", "ho-tich")), HttpStatusCode.Forbidden);
        Assert.Equal([(1, "ward")], Errors(p));
        var q = await Problem(await host.PostTelemetry(key, Issued("kiosk-b", "00190", host.Now, "A3", "ho-tich")), HttpStatusCode.Forbidden);
        Assert.Equal([(0, "deviceId")], Errors(q));
        Assert.Equal(before, (await host.Get("/api/v1/wards/00199")).GetProperty("ticketsIssued").GetInt32());
        Assert.Equal(0, (await host.Get("/api/v1/wards/00190")).GetProperty("ticketsIssued").GetInt32());
    }

    [Fact]
    public async Task A_dossier_system_scoped_to_several_wards_writes_each_of_them()
    {
        var key = await host.Provision("dvc-two", "dossier-system", "", ["00226", "00229"]);
        var r = await host.PostTelemetry(key,
            Received("dvc-two", "00226", host.Now, "HS-1", host.Now.AddDays(3)),
            Received("dvc-two", "00229", host.Now, "HS-2", host.Now.AddDays(3), "in_person"));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        Assert.Equal(1, (await host.Get("/api/v1/wards/00226")).GetProperty("dossiers").GetProperty("received").GetInt32());
        Assert.Equal(1, (await host.Get("/api/v1/wards/00229")).GetProperty("dossiers").GetProperty("inProgress").GetInt32());
        await Problem(await host.PostTelemetry(key, Received("dvc-two", "00235", host.Now, "HS-3", host.Now.AddDays(3))), HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string> InvalidEvents() => new()
    {
        { """{"id":"x1","deviceId":"D","ward":"W","ts":"T","ticket":"A1","service":"ho-tich","channel":"robot"}""", "type" },
        { """{"type":"ticket.lost","id":"x1","deviceId":"D","ward":"W","ts":"T"}""", "type" },
        { """{"type":"rating.submitted","deviceId":"D","ward":"W","ts":"T","score":5}""", "id" },
        { """{"type":"rating.submitted","id":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","deviceId":"D","ward":"W","ts":"T","score":5}""", "id" },
        { """{"type":"rating.submitted","id":"x1","deviceId":"D","ward":"99999","ts":"T","score":5}""", "ward" },
        { """{"type":"rating.submitted","id":"x1","deviceId":"D","ward":"W","ts":"2026-11-25 09:00:00","score":5}""", "ts" },
        { """{"type":"rating.submitted","id":"x1","deviceId":"D","ward":"W","ts":"2026-11-25T09:00:00","score":5}""", "ts" },
        { """{"type":"rating.submitted","id":"x1","deviceId":"D","ward":"W","ts":"FUTURE","score":5}""", "ts" },
        { """{"type":"rating.submitted","id":"x1","deviceId":"D","ward":"W","ts":"T","score":6}""", "score" },
        { """{"type":"rating.submitted","id":"x1","deviceId":"D","ward":"W","ts":"T","score":"5"}""", "score" },
        { """{"type":"ticket.issued","id":"x1","deviceId":"D","ward":"W","ts":"T","ticket":"A1","service":"visa","channel":"robot"}""", "service" },
        { """{"type":"ticket.issued","id":"x1","deviceId":"D","ward":"W","ts":"T","ticket":"A1","service":"ho-tich","channel":"fax"}""", "channel" },
        { """{"type":"ticket.issued","id":"x1","deviceId":"D","ward":"W","ts":"T","service":"ho-tich","channel":"robot"}""", "ticket" },
        { """{"type":"ticket.called","id":"x1","deviceId":"D","ward":"W","ts":"T","ticket":"A1"}""", "counter" },
        { """{"type":"dossier.received","id":"x1","deviceId":"D","ward":"W","ts":"T","dossier":"H1","procedure":"P","service":"ho-tich","channel":"online"}""", "dueAt" },
        { """{"type":"dossier.received","id":"x1","deviceId":"D","ward":"W","ts":"T","dossier":"H1","procedure":"P","service":"ho-tich","channel":"email","dueAt":"T"}""", "channel" },
        { """{"type":"dossier.resolved","id":"x1","deviceId":"D","ward":"W","ts":"T"}""", "dossier" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task Each_field_rule_is_enforced_with_index_and_field_and_the_whole_batch_is_refused(string badEvent, string field)
    {
        var device = $"kiosk-rule-{field}-{Guid.NewGuid():N}"[..40];
        var key = await host.Provision(device, "kiosk", "00256");
        var ts = CenterHost.Rfc3339(host.Now);
        var bad = JsonNode.Parse(badEvent
            .Replace("\"D\"", $"\"{device}\"").Replace("\"W\"", "\"00256\"")
            .Replace("\"FUTURE\"", $"\"{CenterHost.Rfc3339(host.Now.AddMinutes(6))}\"").Replace("\"T\"", $"\"{ts}\""))!.AsObject();
        var good = Issued(device, "00256", host.Now, $"G{Guid.NewGuid():N}"[..8], "ho-tich", "kiosk");
        var before = (await host.Get("/api/v1/wards/00256")).GetProperty("ticketsIssued").GetInt32();

        var p = await Problem(await host.PostTelemetry(key, good, bad), HttpStatusCode.BadRequest);
        Assert.Contains((1, field), Errors(p));
        Assert.DoesNotContain(Errors(p), e => e.Index == 0);
        Assert.Equal(before, (await host.Get("/api/v1/wards/00256")).GetProperty("ticketsIssued").GetInt32());
    }

    [Fact]
    public async Task Robot_state_rules_name_the_nested_field()
    {
        var key = await host.Provision("robot-rules", "robot", "00283");
        var e = RobotState("robot-rules", "00283", host.Now);
        e["battery"] = 101;
        e["mode"] = "dancing";
        e["pose"]!.AsObject().Remove("yaw");
        var p = await Problem(await host.PostTelemetry(key, e), HttpStatusCode.BadRequest);
        Assert.Equal(["battery", "mode", "pose.yaw"], Errors(p).Select(x => x.Field).Order());
        var c = CounterState("robot-rules", "00283", host.Now, "1", "open", "ho-tich");
        await Problem(await host.PostTelemetry(key, c), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Malformed_json_empty_and_oversized_batches_are_refused()
    {
        var key = await host.Provision("kiosk-size", "kiosk", "00292");
        var malformed = await Problem(await host.PostTelemetryRaw(key, """{"events":[{"type":"""), HttpStatusCode.BadRequest);
        Assert.Equal("body", Errors(malformed).Single().Field);
        var empty = await Problem(await host.PostTelemetryRaw(key, """{"events":[]}"""), HttpStatusCode.BadRequest);
        Assert.Equal("events", Errors(empty).Single().Field);
        await Problem(await host.PostTelemetryRaw(key, """{"evts":[]}"""), HttpStatusCode.BadRequest);

        var tooMany = new JsonObject { ["events"] = new JsonArray([.. Enumerable.Range(0, 5001).Select(i => (JsonNode)Rating("kiosk-size", "00292", host.Now, 5))]) };
        await Problem(await host.PostTelemetryRaw(key, tooMany.ToJsonString()), HttpStatusCode.RequestEntityTooLarge);
        var huge = new JsonObject { ["events"] = new JsonArray(Rating("kiosk-size", "00292", host.Now, 5)), ["pad"] = new string('x', 1024 * 1024) };
        await Problem(await host.PostTelemetryRaw(key, huge.ToJsonString()), HttpStatusCode.RequestEntityTooLarge);
        await Problem(await host.PostTelemetryRaw(key, huge.ToJsonString(), gzip: true), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, (await host.Get("/api/v1/wards/00292")).GetProperty("ratings").GetInt32());
    }

    [Fact]
    public async Task A_device_over_its_rate_limit_gets_429_with_retry_after()
    {
        var key = await host.Provision("robot-chatty", "robot", "00004");
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 30 && limited is null; i++)
        {
            var r = await host.PostTelemetry(key, RobotState("robot-chatty", "00004", host.Now, x: i));
            if (r.StatusCode == HttpStatusCode.TooManyRequests) limited = r;
            else Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }
        Assert.NotNull(limited);
        await Problem(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
