using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Alerts;

/// <summary>
/// Silences through the real host: one (ward, kind, from–to, reason) holds raising back while the rules
/// keep evaluating, is listed, is ended early only by its author or an admin, and alerts come through after.
/// </summary>
public sealed class SilenceTests(CenterHost host) : IClassFixture<CenterHost>
{
    private async Task LowRating(string key, string device, string ward, string ticket) =>
        await host.PostAccepted(key, Event("rating.submitted", device, ward, host.Now, new { score = 1, counter = "1", ticket }));

    private async Task<List<JsonElement>> RatingAlerts(string ward) =>
        [.. (await host.Get($"/api/v1/alerts?ward={ward}")).EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "rating-low")];

    private Task<HttpResponseMessage> Silence(string? token, string ward, TimeSpan length, string reason = "bảo trì máy đánh giá") =>
        host.Send(HttpMethod.Post, "/api/v1/silences", token,
            new { ward, kind = "rating-low", to = CenterHost.Rfc3339(host.Now + length), reason });

    [Fact]
    public async Task A_silence_holds_alerts_back_is_listed_is_ended_by_its_author_and_alerts_come_through_again()
    {
        await host.CreateUser("leader.s1", "leader-password-1", "city");
        await host.CreateUser("chief.s1", "chief-password-1", "ward-chief", "00175");
        await host.CreateUser("chief.s2", "chief-password-1", "ward-chief", "00190");
        var author = await host.TokenFor("leader.s1", "leader-password-1");
        var chief = await host.TokenFor("chief.s1", "chief-password-1");
        var otherChief = await host.TokenFor("chief.s2", "chief-password-1");
        var kiosk = await host.Provision("sil-kiosk-1", "robot", "00175");

        var made = await Silence(author, "00175", TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var silence = await made.Content.ReadFromJsonAsync<JsonElement>();
        var id = silence.GetProperty("id").GetString();
        Assert.Equal(("active", "leader.s1"), (silence.GetProperty("state").GetString(), silence.GetProperty("createdBy").GetString()));
        var listed = (await host.Get("/api/v1/silences?ward=00175&state=active", chief)).EnumerateArray().Single();
        Assert.Equal(("rating-low", "bảo trì máy đánh giá"), (listed.GetProperty("kind").GetString(), listed.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/silences?ward=00175", otherChief)).StatusCode);

        await LowRating(kiosk, "sil-kiosk-1", "00175", "H1");
        Assert.Empty(await RatingAlerts("00175"));
        // The ward's figures still count the rating: evaluation goes on, only raising is held.
        Assert.Equal(1, (await host.Get("/api/v1/wards/00175")).GetProperty("counters").EnumerateArray()
            .Single(c => c.GetProperty("counter").GetString() == "1").GetProperty("ratingsLowToday").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Delete, $"/api/v1/silences/{id}", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Delete, $"/api/v1/silences/{id}", otherChief)).StatusCode);
        Assert.Empty(await RatingAlerts("00175"));

        var ended = await host.Send(HttpMethod.Delete, $"/api/v1/silences/{id}", author);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var over = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("ended", "leader.s1"), (over.GetProperty("state").GetString(), over.GetProperty("endedBy").GetString()));
        // What it held and is still caused is raised when it ends; new causes raise at once.
        Assert.Equal(["H1"], (await RatingAlerts("00175")).Select(a => a.GetProperty("ticket").GetString()));
        await LowRating(kiosk, "sil-kiosk-1", "00175", "H2");
        Assert.Equal(["H1", "H2"], (await RatingAlerts("00175")).Select(a => a.GetProperty("ticket").GetString()).Order());

        var again = await host.Send(HttpMethod.Delete, $"/api/v1/silences/{id}", author);
        await ProblemAnswers.Problem(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_admin_ends_anyones_silence_and_one_that_runs_out_lets_alerts_through()
    {
        await host.CreateUser("chief.s3", "chief-password-1", "ward-chief", "00199");
        var chief = await host.TokenFor("chief.s3", "chief-password-1");
        var kiosk = await host.Provision("sil-kiosk-2", "robot", "00199");

        var first = await (await Silence(chief, "00199", TimeSpan.FromHours(1))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Delete, $"/api/v1/silences/{first.GetProperty("id").GetString()}", await host.AdminToken())).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await Silence(chief, "00199", TimeSpan.FromMinutes(10))).StatusCode);
        await LowRating(kiosk, "sil-kiosk-2", "00199", "J1");
        Assert.Empty(await RatingAlerts("00199"));
        host.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(["J1"], (await RatingAlerts("00199")).Select(a => a.GetProperty("ticket").GetString()));
        Assert.Equal(2, (await host.Get("/api/v1/silences?ward=00199&state=ended", chief)).GetArrayLength());
    }

    [Fact]
    public async Task A_bad_silence_names_its_fields_and_makes_nothing()
    {
        await host.CreateUser("chief.s4", "chief-password-1", "ward-chief", "00118");
        var chief = await host.TokenFor("chief.s4", "chief-password-1");
        var bad = await host.Send(HttpMethod.Post, "/api/v1/silences", chief,
            new { ward = "00118", kind = "coffee-cold", to = CenterHost.Rfc3339(host.Now.AddMinutes(-5)), reason = " " });
        var fields = ProblemAnswers.Errors(await ProblemAnswers.Problem(bad, HttpStatusCode.BadRequest)).Select(e => e.Field).Order();
        Assert.Equal(["kind", "reason", "to"], fields);
        var late = await host.Send(HttpMethod.Post, "/api/v1/silences", chief, new { ward = "00118", kind = "rating-low", to = "tomorrow", reason = "x" });
        Assert.Equal("to", ProblemAnswers.Errors(await ProblemAnswers.Problem(late, HttpStatusCode.BadRequest)).Single().Field);
        Assert.Equal(HttpStatusCode.Forbidden, (await Silence(chief, "00004", TimeSpan.FromHours(1))).StatusCode);
        Assert.Equal(0, (await host.Get("/api/v1/silences?ward=00118", chief)).GetArrayLength());
    }
}
