using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Ioc.Tests.Accounts;

/// <summary>
/// A browser's requests without a browser: a client that keeps no cookies of its own, so each
/// test says exactly which cookie, token and headers a request carries.
/// </summary>
public sealed partial class Browserless(CenterHost host) : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };

    public string Origin => host.BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Signs in through <c>POST /api/v1/auth/login</c> and returns the cookie ("ioc.auth=…").</summary>
    public async Task<string> Cookie(string username, string password)
    {
        var r = await Client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return CookieOf(r, "ioc.auth")!;
    }

    /// <summary>The sign-in form as a browser posts it: the page's antiforgery token and cookie, the fields, this site's Origin.</summary>
    public async Task<HttpResponseMessage> PostLoginForm(string username, string password, string? returnUrl = null)
    {
        var page = await Client.GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Username"] = username, ["Password"] = password };
        if (returnUrl is not null) form["ReturnUrl"] = returnUrl;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(form) };
        post.Headers.Add("Cookie", CookieOf(page, "ioc.af")!);
        post.Headers.Add("Origin", Origin);
        return await Client.SendAsync(post);
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? cookie = null, string? token = null, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var r = new HttpRequestMessage(method, path);
        if (cookie is not null) r.Headers.Add("Cookie", cookie);
        if (token is not null) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) r.Content = JsonContent.Create(body);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) r.Headers.TryAddWithoutValidation(k, v);
        return await Client.SendAsync(r);
    }

    /// <summary>What this site's own script would send with a cookie: its Origin and the API header.</summary>
    public IReadOnlyDictionary<string, string> SameSite => new Dictionary<string, string> { ["Origin"] = Origin, ["X-Requested-With"] = "fetch" };

    public static string? CookieOf(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues("Set-Cookie", out var all)
            ? all.Where(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Select(c => c[..c.IndexOf(';')]).FirstOrDefault()
            : null;

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
