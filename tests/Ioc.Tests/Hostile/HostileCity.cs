using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Hostile;

/// <summary>
/// The city the corpus attacks: one device of each kind in <see cref="Templates.Ward"/>, a city
/// leader, a ward chief, the guessing victim, figures in several wards (tickets, ratings, an
/// overdue dossier and its alert), and every credential a request may be sent with.
/// </summary>
public sealed class HostileCity
{
    public const string LeaderPassword = "leader-password-hostile";
    private readonly Dictionary<string, string> _keys = [];
    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, string> _cookies = [];

    private HostileCity(CenterHost host) => Host = host;

    public CenterHost Host { get; }

    /// <summary>A client that keeps no cookies: each request carries exactly what its case says.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public string AlertId { get; private set; } = "";

    public static async Task<HostileCity> Build(CenterHost host)
    {
        var city = new HostileCity(host);
        city.Client.BaseAddress = host.BaseUrl;
        foreach (var (kind, id) in Templates.Devices)
            city._keys[kind] = await host.Provision(id, kind == "dvc" ? "dossier-system" : kind, Templates.Ward);
        await host.CreateUser("h.city", LeaderPassword, "city");
        await host.CreateUser("h.chief", "chief-password-hostile", "ward-chief", Templates.Ward);
        await host.CreateUser(AccountCases.Victim, AccountCases.VictimPassword, "city");
        city._tokens["admin"] = await host.AdminToken();
        city._tokens["city"] = await host.TokenFor("h.city", LeaderPassword);
        city._tokens["chief"] = await host.TokenFor("h.chief", "chief-password-hostile");
        var revoked = await host.TokenFor("h.city", LeaderPassword);
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout"))
        {
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", revoked);
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await city.Client.SendAsync(logout)).StatusCode);
        }
        city._tokens["revoked-token"] = revoked;
        city._tokens["bogus-key"] = "iocd_" + new string('A', 43);
        city._tokens["malformed-bearer"] = "iocd_!!\"; drop";
        city._cookies["city"] = await city.Cookie("h.city", LeaderPassword);
        city._cookies["admin"] = await city.Cookie("admin", CenterHost.AdminPassword);
        await city.Seed();
        return city;
    }

    /// <summary>Figures worth protecting: tickets waiting and called, ratings, dossiers, one overdue with its alert.</summary>
    private async Task Seed()
    {
        var now = Host.Now;
        var dvc = await Host.Provision("h-seed-dvc", "dossier-system", "", ["00004", "00008", "00025"]);
        var kiosk = await Host.Provision("h-seed-kiosk", "kiosk", "00025");
        await Host.PostAccepted(kiosk,
            Issued("h-seed-kiosk", "00025", now.AddMinutes(-30), "B001", "ho-tich"), Issued("h-seed-kiosk", "00025", now.AddMinutes(-20), "B002", "dat-dai"),
            Ticket("ticket.called", "h-seed-kiosk", "00025", now.AddMinutes(-10), "B001", "1"), Rating("h-seed-kiosk", "00025", now.AddMinutes(-5), 4));
        await Host.PostAccepted(dvc,
            Received("h-seed-dvc", "00004", now.AddDays(-2), "HS-SEED-1", now.AddMinutes(-1)),
            Received("h-seed-dvc", "00008", now.AddHours(-3), "HS-SEED-2", now.AddDays(2), "in_person"),
            Received("h-seed-dvc", "00025", now.AddHours(-1), "HS-SEED-3", now.AddDays(5)));
        // The city's figures follow the wards' reports (a frame at most every 250 ms): the seed must be in
        // them before the test takes its "before", or the seed itself would look like a change.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await Host.Get("/api/v1/city") is var city
               && (city.GetProperty("inProgress").GetInt32() < 3 || city.GetProperty("overdue").GetInt32() < 1))
        {
            Assert.True(DateTime.UtcNow < until, $"the seed never reached the city's figures: {city}");
            await Task.Delay(50);
        }
        var alerts = await Host.Get($"/api/v1/alerts?ward={Templates.Ward}");
        AlertId = alerts.EnumerateArray().First(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString()!;
    }

    private async Task<string> Cookie(string username, string password)
    {
        var r = await Client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        r.EnsureSuccessStatusCode();
        var cookie = r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ioc.auth=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }

    /// <summary>What the city shows: every ward's figures and the city strip, as JSON text.</summary>
    public async Task<string> Figures() =>
        JsonSerializer.Serialize(new { wards = await Host.Get("/api/v1/wards"), city = await Host.Get("/api/v1/city") });

    public HttpRequestMessage Build(HostileRequest r)
    {
        var request = new HttpRequestMessage(new HttpMethod(r.Method), r.Path.Replace("{alert}", AlertId, StringComparison.Ordinal));
        if (r.As.StartsWith("cookie:", StringComparison.Ordinal)) request.Headers.Add("Cookie", _cookies[r.As["cookie:".Length..]]);
        else if (_keys.TryGetValue(r.As, out var key)) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        else if (_tokens.TryGetValue(r.As, out var token)) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (r.Body is not null)
        {
            request.Content = new ByteArrayContent(r.Body);
            if (r.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
            if (r.ContentEncoding is not null) request.Content.Headers.TryAddWithoutValidation("Content-Encoding", r.ContentEncoding);
        }
        foreach (var (name, value) in r.Headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public string KeyOf(string device) => _keys[device];
}
