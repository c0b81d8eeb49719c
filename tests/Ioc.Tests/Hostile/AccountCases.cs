using System.Text;

namespace Ioc.Tests.Hostile;

/// <summary>
/// The accounts side, as an attacker would try it: sign-in bodies that are not credentials,
/// guessing (then the right password, refused while locked), weak passwords for new people,
/// cookie POSTs from another origin or without the API header, device keys where only people
/// belong, a signed-out token, the audit trail as a non-admin. Runs after the telemetry part
/// (the guessing locks the test address out of sign-in, as it should).
/// </summary>
public static class AccountCases
{
    public const string Victim = "h.victim";
    public const string VictimPassword = "victim-password-long-enough";

    public static IEnumerable<HostileRequest> All()
    {
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/auth/login" })
        {
            foreach (var (name, body) in new (string, string)[]
            {
                ("not-json", "username=admin"), ("empty-object", "{}"), ("empty-username", "{\"username\":\"\",\"password\":\"x\"}"),
                ("no-password", "{\"username\":\"admin\"}"), ("array", "[]"), ("lone-surrogate", "{\"username\":\"\\ud800\",\"password\":\"x\"}"),
                ("numbers", "{\"username\":1,\"password\":2}"), ("deep", new string('[', 5000)), ("long-username", $"{{\"username\":\"{new string('a', 5000)}\",\"password\":\"x\"}}"),
                ("long-password", $"{{\"username\":\"admin\",\"password\":\"{new string('a', 5000)}\"}}"),
            })
                yield return new HostileRequest("sign-in-body", $"{path}.{name}", "POST", path, "none", Encoding.UTF8.GetBytes(body), [400]);
            yield return new HostileRequest("sign-in-body", $"{path}.raw-ff", "POST", path, "none",
                [.. Encoding.UTF8.GetBytes("{\"username\":\"ad"), 0xFF, .. Encoding.UTF8.GetBytes("min\",\"password\":\"x\"}")], [400, 401]);
            yield return new HostileRequest("sign-in-body", $"{path}.text-plain", "POST", path, "none",
                Encoding.UTF8.GetBytes("{\"username\":\"admin\",\"password\":\"x\"}"), [401, 415], ContentType: "text/plain");
        }

        foreach (var (i, password) in WeakPasswords.Select((p, i) => (i, p)))
            yield return Json("password-policy", $"weak-{i}", "POST", "/api/v1/users", "admin",
                $"{{\"username\":\"weak.user.{i}\",\"password\":{System.Text.Json.JsonSerializer.Serialize(password)},\"role\":\"city\"}}", [400]);
        yield return Json("password-policy", "username-as-password", "POST", "/api/v1/users", "admin",
            "{\"username\":\"weak.user.name\",\"password\":\"weak.user.name\",\"role\":\"city\"}", [400]);

        // Cookie-authenticated state changes: refused without the API header, or from another origin.
        var changes = new (string Method, string Path, string Cookie, string? Body)[]
        {
            ("POST", "/api/v1/alerts/{alert}/acknowledge", "city", null), ("POST", "/api/v1/alerts/{alert}/resolve", "city", null),
            ("POST", "/api/v1/devices/h-robot/key", "admin", null), ("POST", "/api/v1/devices", "admin", "{\"deviceId\":\"csrf-robot\",\"kind\":\"robot\",\"ward\":\"00004\"}"),
            ("POST", "/api/v1/users", "admin", "{\"username\":\"csrf.user\",\"password\":\"csrf-user-password-ok\",\"role\":\"admin\"}"),
            ("POST", "/api/v1/auth/logout", "city", null), ("POST", "/api/v1/auth/password", "city", "{\"currentPassword\":\"x\",\"newPassword\":\"y\"}"),
        };
        foreach (var (method, path, cookie, body) in changes)
        {
            var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
            yield return new HostileRequest("cross-site", $"{path}.no-header", method, path, "cookie:" + cookie, bytes, [403]);
            foreach (var origin in new[] { "https://evil.example", "null", "http://127.0.0.1.evil.example", "http://localhost:1" })
                yield return new HostileRequest("cross-site", $"{path}.origin-{origin}", method, path, "cookie:" + cookie, bytes, [403],
                    Headers: new Dictionary<string, string> { ["Origin"] = origin, ["X-Requested-With"] = "x" });
            yield return new HostileRequest("cross-site", $"{path}.fetch-cross-site", method, path, "cookie:" + cookie, bytes, [403],
                Headers: new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site", ["X-Requested-With"] = "x" });
            yield return new HostileRequest("cross-site", $"{path}.referer-other-site", method, path, "cookie:" + cookie, bytes, [403],
                Headers: new Dictionary<string, string> { ["Referer"] = "https://evil.example/page", ["X-Requested-With"] = "x" });
        }
        foreach (var path in new[] { "/account/logout", "/account/login" })
            yield return new HostileRequest("cross-site", $"{path}.form-from-other-origin", "POST", path, "cookie:city", Encoding.UTF8.GetBytes("Username=admin&Password=x"), [403],
                ContentType: "application/x-www-form-urlencoded", Headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" });

        // Device keys where people belong.
        var peoplePlaces = new (string Method, string Path)[]
        {
            ("GET", "/api/v1/wards"), ("GET", "/api/v1/wards/00004"), ("GET", "/api/v1/city"), ("GET", "/api/v1/me"), ("GET", "/api/v1/alerts"),
            ("POST", "/api/v1/alerts/{alert}/acknowledge"), ("GET", "/api/v1/users"), ("POST", "/api/v1/devices/h-robot/key"), ("GET", "/api/v1/admin/audit"),
            ("GET", "/api/v1/rankings"), ("GET", "/api/v1/wards/00004/history?metric=waiting"), ("POST", "/_blazor/negotiate?negotiateVersion=1"),
            ("POST", "/hubs/ioc/negotiate?negotiateVersion=1"), ("GET", "/"), ("GET", "/wards/00004"), ("GET", "/alerts"), ("POST", "/api/v1/auth/password"),
        };
        foreach (var device in Templates.Devices.Keys)
            foreach (var (method, path) in peoplePlaces)
                yield return new HostileRequest("device-key", $"{device}{path}", method, path, device, method == "POST" ? "{}"u8.ToArray() : null, [403]);

        // A signed-out token, and people who are not admins, on the audit trail.
        yield return new HostileRequest("revoked", "wards-with-revoked-token", "GET", "/api/v1/wards", "revoked-token", null, [401]);
        yield return new HostileRequest("revoked", "ack-with-revoked-token", "POST", "/api/v1/alerts/{alert}/acknowledge", "revoked-token", null, [401]);
        yield return new HostileRequest("audit", "audit-as-city", "GET", "/api/v1/admin/audit", "city", null, [403]);
        yield return new HostileRequest("audit", "audit-as-chief", "GET", "/api/v1/admin/audit", "chief", null, [403]);
        yield return new HostileRequest("audit", "audit-anonymous", "GET", "/api/v1/admin/audit", "none", null, [401]);
        foreach (var query in new[] { "limit=0", "limit=501", "limit=x", "before=-1", "before=abc", "limit=99999999999999999999" })
            yield return new HostileRequest("audit", $"audit-{query}", "GET", $"/api/v1/admin/audit?{query}", "admin", null, [400]);

        // Guessing: wrong passwords, then the right one while locked out; and names nobody has.
        for (var i = 0; i < 25; i++)
            yield return Json("guessing", $"victim-wrong-{i}", "POST", i % 2 == 0 ? "/api/v1/auth/token" : "/api/v1/auth/login", "none",
                $"{{\"username\":\"{Victim}\",\"password\":\"guess-{i}-not-it\"}}", [401, 429]);
        yield return Json("guessing", "victim-right-while-locked", "POST", "/api/v1/auth/token", "none",
            $"{{\"username\":\"{Victim}\",\"password\":\"{VictimPassword}\"}}", [429]);
        for (var i = 0; i < 10; i++)
            yield return Json("guessing", $"nobody-{i}", "POST", "/api/v1/auth/token", "none", $"{{\"username\":\"nobody.{i}\",\"password\":\"guess\"}}", [401, 429]);
    }

    /// <summary>Passwords the issue found accepted, and their longer cousins.</summary>
    public static readonly string[] WeakPasswords =
    [
        "1234567890", "          ", "password123", "password1234", "Password2026!", "123456789012", "1234567890123", "qwertyuiopas",
        "aaaaaaaaaaaa", "abcabcabcabc", "            ", "matkhau12345", "hanoi2026!!!", "P@ssw0rd2026", "iloveyou1234", "abcdefghijkl",
        "098765432109", "admin1234567", "hanoihanoihanoi", "1qaz2wsx3edc4rfv", "short",
    ];

    private static HostileRequest Json(string category, string name, string method, string path, string who, string body, int[] expected) =>
        new(category, name, method, path, who, Encoding.UTF8.GetBytes(body), expected);
}
