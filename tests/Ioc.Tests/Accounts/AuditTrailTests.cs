using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Accounts;

/// <summary>Who did what, when, from where: kept in the data folder, read by admins only.</summary>
public sealed class AuditTrailTests(CenterHost host) : IClassFixture<CenterHost>
{
    [Fact]
    public async Task Sign_ins_lockouts_devices_people_and_alert_actions_are_audited_for_admins_only()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var admin = await host.AdminToken();
        await host.CreateUser("audit.chief", "audit-chief-password", "ward-chief", "00199");
        await host.Provision("audit-robot", "robot", "00199");
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Post, "/api/v1/devices/audit-robot/key", admin)).StatusCode);
        var chief = await host.TokenFor("audit.chief", "audit-chief-password");
        for (var i = 0; i < 5; i++) await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "audit.chief", password = $"wrong-{i}" });
        var dvc = await host.Provision("audit-dvc", "dossier-system", "00199");
        await host.PostAccepted(dvc, Received("audit-dvc", "00199", host.Now.AddDays(-1), "HS-AUDIT", host.Now.AddMinutes(-1)));
        var alert = (await host.Get("/api/v1/alerts?ward=00199")).EnumerateArray().First(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{alert}/acknowledge", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Post, $"/api/v1/alerts/{alert}/resolve", admin)).StatusCode);

        var page = await host.Get("/api/v1/admin/audit?limit=500", admin);
        var entries = page.GetProperty("items").EnumerateArray().ToList();
        var ids = entries.Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        JsonElement One(string action, string subject) => entries.First(e => e.GetProperty("action").GetString() == action && e.GetProperty("subject").GetString() == subject);
        var expected = new (string Action, string Actor, string Subject)[]
        {
            ("user-created", "admin", "audit.chief"), ("device-provisioned", "admin", "audit-robot"), ("device-key-rotated", "admin", "audit-robot"),
            ("sign-in", "audit.chief", "audit.chief"), ("sign-in-failed", "audit.chief", "audit.chief"), ("locked-out", "audit.chief", "audit.chief"),
            ("alert-acknowledged", "audit.chief", alert), ("alert-resolved", "admin", alert),
        };
        foreach (var (action, actor, subject) in expected)
        {
            var e = One(action, subject);
            Assert.Equal(actor, e.GetProperty("actor").GetString());
            Assert.Equal("127.0.0.1", e.GetProperty("address").GetString());
            Assert.InRange(e.GetProperty("at").GetDateTimeOffset(), started, DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(TimeSpan.FromHours(7), e.GetProperty("at").GetDateTimeOffset().Offset);
        }
        Assert.Equal(5, entries.Count(e => e.GetProperty("action").GetString() == "sign-in-failed" && e.GetProperty("subject").GetString() == "audit.chief"));
        Assert.DoesNotContain(entries, e => e.GetRawText().Contains("wrong-", StringComparison.Ordinal));

        // A page at a time, newest first, without gaps or repeats.
        var pages = new List<long>();
        var next = "/api/v1/admin/audit?limit=3";
        while (next is not null && pages.Count < 1000)
        {
            var p = await host.Get(next, admin);
            pages.AddRange(p.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            next = p.GetProperty("next").ValueKind == JsonValueKind.String ? p.GetProperty("next").GetString() : null;
        }
        Assert.Equal(ids, pages);

        // Only admins read it.
        await host.CreateUser("audit.leader", "audit-leader-password", "city");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/admin/audit", await host.TokenFor("audit.leader", "audit-leader-password"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Get, "/api/v1/admin/audit", null)).StatusCode);

        // It is in the data folder, and it cannot be rewritten there.
        using var db = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "audit.db")}");
        db.Open();
        using var rewrite = db.CreateCommand();
        rewrite.CommandText = "UPDATE audit SET actor = 'someone-else'";
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => rewrite.ExecuteNonQuery()).Message);
        rewrite.CommandText = "DELETE FROM audit";
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => rewrite.ExecuteNonQuery()).Message);
    }
}
