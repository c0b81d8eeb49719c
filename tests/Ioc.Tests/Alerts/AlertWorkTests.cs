using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Alerts;

/// <summary>
/// Issue 12 items 1 and 3 through the real host: ratings reach the ward chief (and only them), the desk
/// run warning, desk satisfaction, notes, owners, the first action wins (409 naming who), bulk acknowledge.
/// Each test uses its own wards, so the shared host does not mix their alerts.
/// </summary>
public sealed class AlertWorkTests(CenterHost host) : IClassFixture<CenterHost>
{
    private static JsonObject Rated(string device, string ward, DateTimeOffset ts, int score, string? counter, string? ticket) =>
        Event("rating.submitted", device, ward, ts, counter is null ? new { score } : new { score, counter, ticket });

    private Task Rate(string key, params JsonObject[] ratings) => host.PostAccepted(key, ratings);

    private static async Task<string> Field(HttpResponseMessage r, HttpStatusCode status) =>
        ProblemAnswers.Errors(await ProblemAnswers.Problem(r, status))[0].Field;

    private async Task<JsonElement[]> Alerts(string ward, string? token = null) =>
        [.. (await host.Get($"/api/v1/alerts?ward={ward}", token)).EnumerateArray()];

    [Fact]
    public async Task A_low_rating_raises_rating_low_with_desk_and_ticket_for_that_wards_chief_only()
    {
        await host.CreateUser("chief.r1", "chief-password-1", "ward-chief", "00091");
        await host.CreateUser("chief.r2", "chief-password-1", "ward-chief", "00127");
        var own = await host.TokenFor("chief.r1", "chief-password-1");
        var other = await host.TokenFor("chief.r2", "chief-password-1");
        var kiosk = await host.Provision("rate-kiosk-1", "robot", "00091");

        await Rate(kiosk, Rated("rate-kiosk-1", "00091", host.Now, 5, "2", "A001"), Rated("rate-kiosk-1", "00091", host.Now, 3, "2", "A002"));
        Assert.DoesNotContain(await Alerts("00091"), a => a.GetProperty("kind").GetString() == "rating-low");

        await Rate(kiosk, Rated("rate-kiosk-1", "00091", host.Now.AddSeconds(1), 1, "2", "A003"), Rated("rate-kiosk-1", "00091", host.Now.AddSeconds(2), 2, null, null));
        var low = (await Alerts("00091", own)).Where(a => a.GetProperty("kind").GetString() == "rating-low").ToList();
        Assert.Equal(2, low.Count);
        var withDesk = low.Single(a => a.GetProperty("subject").ValueKind == JsonValueKind.String);
        Assert.Equal(("2", "A003", 1.0), (withDesk.GetProperty("subject").GetString(), withDesk.GetProperty("ticket").GetString(), withDesk.GetProperty("figure").GetDouble()));
        Assert.False(string.IsNullOrWhiteSpace(withDesk.GetProperty("title").GetString()));

        // Another ward's chief: nothing in their list, 403 on the ward, 403 on acting.
        Assert.DoesNotContain((await host.Get("/api/v1/alerts", other)).EnumerateArray(), a => a.GetProperty("ward").GetString() == "00091");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/alerts?ward=00091", other)).StatusCode);
        var id = withDesk.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", own)).StatusCode);
    }

    [Fact]
    public async Task Three_low_ratings_at_one_desk_within_an_hour_raise_a_warning_whatever_their_order_and_the_ward_page_shows_desk_satisfaction()
    {
        var kiosk = await host.Provision("rate-kiosk-2", "robot", "00097");
        var t = host.Now;
        // Desk 4: two low ratings 70 minutes apart and one good: no run. Desk 5: three low within 50 minutes, sent late-first.
        await Rate(kiosk, Rated("rate-kiosk-2", "00097", t.AddMinutes(-70), 1, "4", "B1"), Rated("rate-kiosk-2", "00097", t, 2, "4", "B2"),
            Rated("rate-kiosk-2", "00097", t, 5, "4", "B3"));
        await Rate(kiosk, Rated("rate-kiosk-2", "00097", t, 1, "5", "C3"));
        Assert.DoesNotContain(await Alerts("00097"), a => a.GetProperty("kind").GetString() == "rating-low-run");
        await Rate(kiosk, Rated("rate-kiosk-2", "00097", t.AddMinutes(-50), 2, "5", "C1"), Rated("rate-kiosk-2", "00097", t.AddMinutes(-20), 1, "5", "C2"));

        var run = (await Alerts("00097")).Where(a => a.GetProperty("kind").GetString() == "rating-low-run").ToList();
        var one = Assert.Single(run);
        Assert.Equal(("warning", "5", 3.0), (one.GetProperty("severity").GetString(), one.GetProperty("subject").GetString(), one.GetProperty("figure").GetDouble()));

        var desks = (await host.Get("/api/v1/wards/00097")).GetProperty("counters").EnumerateArray()
            .ToDictionary(c => c.GetProperty("counter").GetString()!);
        // Independent sums: desk 4 rated 1, 2, 5 (mean 8/3); desk 5 rated 1, 2, 1 (mean 4/3).
        Assert.Equal((3, 8 / 3.0), (desks["4"].GetProperty("ratingsToday").GetInt32(), desks["4"].GetProperty("satisfactionToday").GetDouble()), Tolerant);
        Assert.Equal((3, 4 / 3.0), (desks["5"].GetProperty("ratingsToday").GetInt32(), desks["5"].GetProperty("satisfactionToday").GetDouble()), Tolerant);
        Assert.Equal(3, desks["5"].GetProperty("ratingsLowToday").GetInt32());
    }

    private async Task<string[]> Audited(string action, string subject) =>
        [.. (await host.Get($"/api/v1/admin/audit?action={action}&limit=500")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("subject").GetString() == subject).Select(e => e.GetProperty("actor").GetString()!)];

    private static readonly IEqualityComparer<(int, double)> Tolerant =
        EqualityComparer<(int, double)>.Create((a, b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-9, x => x.Item1);

    [Fact]
    public async Task Notes_are_kept_the_first_action_wins_and_the_second_gets_409_naming_who_acted()
    {
        await host.CreateUser("leader.n1", "leader-password-1", "city");
        await host.CreateUser("leader.n2", "leader-password-1", "city");
        var first = await host.TokenFor("leader.n1", "leader-password-1");
        var second = await host.TokenFor("leader.n2", "leader-password-1");
        var kiosk = await host.Provision("rate-kiosk-3", "robot", "00136");
        await Rate(kiosk, Rated("rate-kiosk-3", "00136", host.Now, 1, "1", "D1"));
        var id = (await Alerts("00136")).Single(a => a.GetProperty("kind").GetString() == "rating-low").GetProperty("id").GetString();

        var acked = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", first, new { note = "  gọi lại cho công dân  " });
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.Equal("gọi lại cho công dân", (await acked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgeNote").GetString());

        var late = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", second, new { note = "me too" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        var problem = await late.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("acknowledged", "leader.n1"), (problem.GetProperty("action").GetString(), problem.GetProperty("actedBy").GetString()));
        Assert.Contains("leader.n1", problem.GetProperty("detail").GetString());
        Assert.Equal("gọi lại cho công dân", (await Alerts("00136")).Single(a => a.GetProperty("id").GetString() == id).GetProperty("acknowledgeNote").GetString());

        var bad = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/resolve", second, new { note = new string('x', 501) });
        Assert.Equal("note", await Field(bad, HttpStatusCode.BadRequest));
        Assert.Equal("acknowledged", (await Alerts("00136")).Single(a => a.GetProperty("id").GetString() == id).GetProperty("state").GetString());

        var resolved = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/resolve", second, new { note = "đã xin lỗi" });
        var r = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("resolved", "leader.n2", "đã xin lỗi"), (r.GetProperty("state").GetString(), r.GetProperty("resolvedBy").GetString(), r.GetProperty("resolveNote").GetString()));
        var again = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/resolve", first);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("leader.n2", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("actedBy").GetString());

        // The audit trail has what was done, once each, by whom; the refused attempts are not in it.
        Assert.Equal(["leader.n1"], await Audited("alert-acknowledged", id!));
        Assert.Equal(["leader.n2"], await Audited("alert-resolved", id!));
    }

    [Fact]
    public async Task An_owner_is_a_person_of_that_ward_or_the_city_and_taking_it_over_needs_reassign()
    {
        await host.CreateUser("chief.o1", "chief-password-1", "ward-chief", "00145");
        await host.CreateUser("chief.o2", "chief-password-1", "ward-chief", "00160");
        await host.CreateUser("leader.o", "leader-password-1", "city");
        var chief = await host.TokenFor("chief.o1", "chief-password-1");
        var kiosk = await host.Provision("rate-kiosk-4", "robot", "00145");
        await Rate(kiosk, Rated("rate-kiosk-4", "00145", host.Now, 2, "3", "E1"));
        var id = (await Alerts("00145")).Single(a => a.GetProperty("kind").GetString() == "rating-low").GetProperty("id").GetString();

        var foreign = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/assign", chief, new { username = "chief.o2" });
        Assert.Equal("username", await Field(foreign, HttpStatusCode.BadRequest));
        var nobody = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/assign", chief, new { username = "no.such.person" });
        Assert.Equal("username", await Field(nobody, HttpStatusCode.NotFound));
        var missing = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/assign", chief, new { reassign = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Alerts("00145")).Single(a => a.GetProperty("id").GetString() == id).GetProperty("owner").ValueKind);

        var mine = await (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/assign", chief, new { username = "chief.o1" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("chief.o1", "chief.o1"), (mine.GetProperty("owner").GetString(), mine.GetProperty("assignedBy").GetString()));
        var takeOver = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/assign", await host.AdminToken(), new { username = "leader.o" });
        Assert.Equal(HttpStatusCode.Conflict, takeOver.StatusCode);
        Assert.Equal("chief.o1", (await takeOver.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString());
        var reassigned = await host.Send(HttpMethod.Post, $"/api/v1/alerts/{id}/assign", await host.AdminToken(), new { username = "leader.o", reassign = true });
        Assert.Equal("leader.o", (await reassigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString());
        Assert.Equal(["admin", "chief.o1"], await Audited("alert-assigned", id!));
    }

    [Fact]
    public async Task Bulk_acknowledge_answers_each_alert_and_refuses_what_the_person_may_not_touch()
    {
        await host.CreateUser("chief.b1", "chief-password-1", "ward-chief", "00103");
        var chief = await host.TokenFor("chief.b1", "chief-password-1");
        var kiosk = await host.Provision("rate-kiosk-5", "robot", "00103");
        var otherKiosk = await host.Provision("rate-kiosk-6", "robot", "00166");
        await Rate(kiosk, Rated("rate-kiosk-5", "00103", host.Now, 1, "1", "F1"), Rated("rate-kiosk-5", "00103", host.Now, 2, "2", "F2"),
            Rated("rate-kiosk-5", "00103", host.Now, 1, "3", "F3"));
        await Rate(otherKiosk, Rated("rate-kiosk-6", "00166", host.Now, 1, "1", "G1"));
        var ids = (await Alerts("00103")).Where(a => a.GetProperty("kind").GetString() == "rating-low").Select(a => a.GetProperty("id").GetString()!).ToList();
        var foreign = (await Alerts("00166")).First(a => a.GetProperty("kind").GetString() == "rating-low").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{ids[0]}/acknowledge", await host.AdminToken())).StatusCode);

        var bulk = await host.Send(HttpMethod.Post, "/api/v1/alerts/acknowledge", chief, new { ids = new[] { ids[0], ids[1], ids[2], foreign, "00103-99999" }, note = "đã xem" });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var answer = await bulk.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("acknowledged").GetInt32());
        var status = answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).ToArray();
        Assert.Equal([409, 200, 200, 403, 404], status);
        Assert.Equal("admin", answer.GetProperty("results")[0].GetProperty("conflict").GetProperty("by").GetString());
        Assert.Equal("open", (await Alerts("00166")).Single(a => a.GetProperty("id").GetString() == foreign).GetProperty("state").GetString());

        var empty = await host.Send(HttpMethod.Post, "/api/v1/alerts/acknowledge", chief, new { ids = Array.Empty<string>() });
        Assert.Equal("ids", await Field(empty, HttpStatusCode.BadRequest));
    }
}
