using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>Nobody reads or changes what their role does not allow.</summary>
public sealed class AccessTests(CenterHost host) : IClassFixture<CenterHost>
{
    [Theory]
    [InlineData("GET", "/api/v1/wards")]
    [InlineData("GET", "/api/v1/wards/00004")]
    [InlineData("GET", "/api/v1/wards/00004/queues/ho-tich/estimate")]
    [InlineData("GET", "/api/v1/alerts")]
    [InlineData("POST", "/api/v1/alerts/00004-1/acknowledge")]
    [InlineData("GET", "/api/v1/city")]
    [InlineData("POST", "/api/v1/devices")]
    [InlineData("GET", "/api/v1/users")]
    public async Task Anonymous_requests_get_401_and_no_data(string method, string path)
    {
        var r = await host.Send(new HttpMethod(method), path, token: null, body: method == "POST" ? new { } : null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.DoesNotContain("\"code\"", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_ward_chief_sees_only_their_ward_and_acts_only_on_its_alerts()
    {
        await host.CreateUser("chief.bada", "chief-password-1", "ward-chief", "00004");
        var chief = await host.TokenFor("chief.bada", "chief-password-1");
        var dvc = await host.Provision("acc-dvc", "dossier-system", "", ["00004", "00008"]);
        await host.PostTelemetry(dvc,
            Received("acc-dvc", "00004", host.Now, "HS-OWN", host.Now.AddSeconds(1)),
            Received("acc-dvc", "00008", host.Now, "HS-OTHER", host.Now.AddSeconds(1)));
        host.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards/00004", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/wards/00008", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/alerts?ward=00008", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/city", chief)).StatusCode);
        var list = await host.Get("/api/v1/wards", chief);
        Assert.Equal("00004", list.EnumerateArray().Single().GetProperty("code").GetString());

        var mine = await host.Get("/api/v1/alerts", chief);
        Assert.All(mine.EnumerateArray(), a => Assert.Equal("00004", a.GetProperty("ward").GetString()));
        var own = mine.EnumerateArray().First(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString();
        var other = (await host.Get("/api/v1/alerts?ward=00008")).EnumerateArray()
            .First(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{other}/acknowledge", chief)).StatusCode);
        Assert.Equal("open", (await host.Get("/api/v1/alerts?ward=00008")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == other).GetProperty("state").GetString());
        var acked = await (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{own}/acknowledge", chief)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("acknowledged", "chief.bada"), (acked.GetProperty("state").GetString(), acked.GetProperty("acknowledgedBy").GetString()));
    }

    [Fact]
    public async Task Only_admins_provision_devices_and_people_and_bad_input_names_the_field()
    {
        await host.CreateUser("leader.city", "leader-password-1", "city");
        var leader = await host.TokenFor("leader.city", "leader-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Post, "/api/v1/devices", leader, new { deviceId = "x", kind = "robot", ward = "00004" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Post, "/api/v1/users", leader, new { username = "zzz", password = "0123456789", role = "city" })).StatusCode);

        var admin = await host.AdminToken();
        var bad = await host.Send(HttpMethod.Post, "/api/v1/devices", admin, new { deviceId = "bad id!", kind = "drone", ward = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var fields = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order();
        Assert.Equal(["deviceId", "kind", "ward"], fields);
        var chief = await host.Send(HttpMethod.Post, "/api/v1/users", admin, new { username = "chief.nowhere", password = "0123456789", role = "ward-chief" });
        Assert.Equal(HttpStatusCode.BadRequest, chief.StatusCode);

        await host.Provision("acc-robot", "robot", "00025");
        Assert.Equal(HttpStatusCode.Conflict, (await host.Send(HttpMethod.Post, "/api/v1/devices", admin, new { deviceId = "acc-robot", kind = "robot", ward = "00025" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "admin", password = "wrong" })).StatusCode);
    }

    [Fact]
    public async Task A_robot_key_reads_its_own_wards_estimate_and_a_rotated_key_stops_working()
    {
        var key = await host.Provision("acc-est-robot", "robot", "00070");
        var own = await host.Send(HttpMethod.Get, "/api/v1/wards/00070/queues/chung-thuc/estimate", key);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("chung-thuc", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("service").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/wards/00082/queues/chung-thuc/estimate", key)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/wards/00070", key)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Send(HttpMethod.Get, "/api/v1/wards/00070/queues/visa/estimate", key)).StatusCode);

        var rotated = await host.Send(HttpMethod.Post, "/api/v1/devices/acc-est-robot/key", await host.AdminToken());
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        Assert.NotEqual(key, newKey);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(newKey, RobotState("acc-est-robot", "00070", host.Now))).StatusCode);
    }
}
