using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Tests.Accounts;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// Staffing advice through the real host: a queue builds at one desk while another is closed, the ward
/// advises opening it, and only the ward's chief or a city leader may accept; an acceptance is recorded
/// (who, when, which) and shown to everyone who may see the ward.
/// </summary>
public sealed class StaffingAdviceTests(CenterHost host) : IClassFixture<CenterHost>
{
    /// <summary>One desk open for civil status with ten citizens waiting, desk 2 closed: as in Giảng Võ.</summary>
    private async Task<string> QueueAtOneDesk(string ward, string prefix)
    {
        var desk1 = await host.Provision($"{prefix}-desk-1", "counter", ward);
        var desk2 = await host.Provision($"{prefix}-desk-2", "counter", ward);
        var kiosk = await host.Provision($"{prefix}-kiosk", "kiosk", ward);
        var now = host.Now;
        await host.PostAccepted(desk1, CounterState($"{prefix}-desk-1", ward, now, "1", "open", "ho-tich"));
        await host.PostAccepted(desk2, CounterState($"{prefix}-desk-2", ward, now, "2", "closed", "ho-tich", "chung-thuc"));
        await host.PostAccepted(kiosk, [.. Enumerable.Range(0, 10).Select(i => Issued($"{prefix}-kiosk", ward, now.AddMinutes(-30 + 3 * i), $"B{i:000}", "ho-tich"))]);
        await host.PostAccepted(desk1, Ticket("ticket.called", $"{prefix}-desk-1", ward, now.AddMinutes(-31), "B000", "1"));
        return ward;
    }

    private async Task<JsonElement> Advice(string ward, string? token = null) => await host.Get($"/api/v1/wards/{ward}/advice", token);

    private Task<HttpResponseMessage> Accept(string ward, string id, string? token) =>
        host.Send(HttpMethod.Post, $"/api/v1/wards/{ward}/advice/{id}/accept", token);

    [Fact]
    public async Task A_queue_at_one_desk_with_another_closed_advises_opening_it_and_its_chief_accepts()
    {
        var ward = await QueueAtOneDesk("00025", "gv");
        await host.CreateUser("chief.giangvo", "chief-password-1", "ward-chief", ward);
        var chief = await host.TokenFor("chief.giangvo", "chief-password-1");

        var staffing = await Advice(ward, chief);
        var advice = staffing.GetProperty("advice").EnumerateArray().First();
        Assert.Equal(("open-desk", "2"), (advice.GetProperty("kind").GetString(), advice.GetProperty("desk").GetString()));
        Assert.Equal(9, advice.GetProperty("waiting").GetInt32());
        var without = advice.GetProperty("meanWaitSecondsWithout").GetDouble();
        var with = advice.GetProperty("meanWaitSecondsWith").GetDouble();
        Assert.True(with < without * 0.8, $"{with} vs {without}");
        Assert.Equal(advice.GetProperty("totalWaitSecondsWithout").GetDouble() - advice.GetProperty("totalWaitSecondsWith").GetDouble(),
            advice.GetProperty("savedSeconds").GetDouble(), 6);
        // The ward page's detail carries the same advice.
        var detail = await host.Get($"/api/v1/wards/{ward}", chief);
        Assert.Equal(advice.GetProperty("id").GetString(), detail.GetProperty("staffing").GetProperty("advice")[0].GetProperty("id").GetString());

        var id = advice.GetProperty("id").GetString()!;
        var r = await Accept(ward, id, chief);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var accepted = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("chief.giangvo", id, ward), (accepted.GetProperty("acceptedBy").GetString(), accepted.GetProperty("advice").GetProperty("id").GetString(), accepted.GetProperty("ward").GetString()));
        Assert.Equal(CenterHost.Rfc3339(host.Now), DateTimeOffset.Parse(accepted.GetProperty("acceptedAt").GetString()!).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

        // Recorded: the ward shows who accepted which advice and when, and no longer advises it.
        var after = await Advice(ward);
        var record = Assert.Single(after.GetProperty("accepted").EnumerateArray());
        Assert.Equal(("chief.giangvo", id), (record.GetProperty("acceptedBy").GetString(), record.GetProperty("advice").GetProperty("id").GetString()));
        Assert.DoesNotContain(after.GetProperty("advice").EnumerateArray(), a => a.GetProperty("desk").GetString() == "2");

        // A second acceptance of the same advice says who was first.
        var again = await Accept(ward, id, chief);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("chief.giangvo", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acceptedBy").GetString());

        // The city's list of accepted advice (what desks follow) has it.
        var city = await host.Get($"/api/v1/advice/accepted?since={Uri.EscapeDataString(CenterHost.Rfc3339(host.Now.AddHours(-1)))}");
        Assert.Contains(city.EnumerateArray(), a => a.GetProperty("ward").GetString() == ward && a.GetProperty("advice").GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/advice/accepted", chief)).StatusCode);
    }

    [Fact]
    public async Task Only_the_wards_chief_or_a_city_leader_may_accept_and_a_refusal_changes_nothing()
    {
        var ward = await QueueAtOneDesk("00004", "bd");
        await host.CreateUser("chief.other", "chief-password-2", "ward-chief", "00008");
        await host.CreateUser("leader.city", "city-password-1", "city");
        var otherChief = await host.TokenFor("chief.other", "chief-password-2");
        var city = await host.TokenFor("leader.city", "city-password-1");
        var id = (await Advice(ward)).GetProperty("advice")[0].GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Forbidden, (await Accept(ward, id, otherChief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, $"/api/v1/wards/{ward}/advice", otherChief)).StatusCode);
        // An administrator runs the system; ordering desks is the ward's or the city's decision.
        Assert.Equal(HttpStatusCode.Forbidden, (await Accept(ward, id, await host.AdminToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Accept(ward, id, null)).StatusCode);
        Assert.Empty((await Advice(ward)).GetProperty("accepted").EnumerateArray());

        Assert.Equal(HttpStatusCode.NotFound, (await Accept(ward, "no-such-advice", city)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Accept("99999", id, city)).StatusCode);
        var bad = await host.Send(HttpMethod.Get, "/api/v1/advice/accepted?since=yesterday", city);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("since", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());

        var r = await Accept(ward, id, city);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("leader.city", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acceptedBy").GetString());
    }

    [Fact]
    public async Task A_signed_in_chief_accepts_only_from_this_sites_pages_and_the_acceptance_is_audited()
    {
        var ward = await QueueAtOneDesk("00103", "th");
        await host.CreateUser("chief.tayho", "chief-password-3", "ward-chief", ward);
        using var web = new Browserless(host);
        var cookie = await web.Cookie("chief.tayho", "chief-password-3");
        var id = (await Advice(ward)).GetProperty("advice")[0].GetProperty("id").GetString()!;
        var path = $"/api/v1/wards/{ward}/advice/{id}/accept";

        // Another site's page, or a request without the API header, cannot accept with the chief's cookie.
        var forged = new[]
        {
            new Dictionary<string, string> { ["Origin"] = "https://evil.example", ["X-Requested-With"] = "fetch" },
            new Dictionary<string, string> { ["Origin"] = web.Origin },
        };
        foreach (var headers in forged)
            Assert.Equal(HttpStatusCode.Forbidden, (await web.Send(HttpMethod.Post, path, cookie, headers: headers)).StatusCode);
        Assert.Empty((await Advice(ward)).GetProperty("accepted").EnumerateArray());

        var r = await web.Send(HttpMethod.Post, path, cookie, headers: web.SameSite);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("chief.tayho", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acceptedBy").GetString());

        var audit = (await host.Get("/api/v1/admin/audit?limit=500", await host.AdminToken())).GetProperty("items").EnumerateArray();
        // Advice ids are the ward's own: the line names the ward.
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "advice-accepted" && e.GetProperty("subject").GetString() == id
            && e.GetProperty("detail").GetString()!.Contains($"ward {ward};", StringComparison.Ordinal));
        Assert.Equal(("chief.tayho", "127.0.0.1"), (entry.GetProperty("actor").GetString(), entry.GetProperty("address").GetString()));
    }

    [Fact]
    public async Task A_hall_with_nothing_to_gain_gets_no_advice()
    {
        const string ward = "00070"; // Hoàn Kiếm
        var desk1 = await host.Provision("hk-desk-1", "counter", ward);
        var desk2 = await host.Provision("hk-desk-2", "counter", ward);
        var kiosk = await host.Provision("hk-kiosk", "kiosk", ward);
        await host.PostAccepted(desk1, CounterState("hk-desk-1", ward, host.Now, "1", "open", "ho-tich"));
        await host.PostAccepted(desk2, CounterState("hk-desk-2", ward, host.Now, "2", "closed", "ho-tich"));
        await host.PostAccepted(kiosk, Issued("hk-kiosk", ward, host.Now.AddMinutes(-1), "B001", "ho-tich"));
        Assert.Empty((await Advice(ward)).GetProperty("advice").EnumerateArray());
    }
}
