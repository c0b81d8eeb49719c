using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Ioc.Wall.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (its node driver ships inside the NuGet package, so
/// nothing is downloaded): one browser for the whole test run.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get update && apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) whose every request is checked: anything not
    /// on a loopback address is refused and recorded in <see cref="WallPage.Outside"/>.
    /// </summary>
    public async Task<WallPage> Open(WallHost host, int width = 1600, int height = 900, string? lang = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = host.BaseUrl.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        var page = new WallPage(context, await context.NewPageAsync());
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Scheme is "http" or "https" or "ws" or "wss" && url.IsLoopback))
            {
                await route.ContinueAsync();
                return;
            }
            page.Outside.Add(route.Request.Url);
            await route.AbortAsync();
        });
        page.Page.Console += (_, m) => { if (m.Type == "error") page.ConsoleErrors.Add(m.Text); };
        page.Page.PageError += (_, e) => page.ConsoleErrors.Add(e);
        if (lang is not null)
            await context.AddCookiesAsync([new Cookie { Name = "ioc.lang", Value = lang, Url = host.BaseUrl.ToString() }]);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>One browser tab on the center, with what it tried to load from outside.</summary>
public sealed class WallPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public IBrowserContext Context { get; } = context;
    public ConcurrentBag<string> Outside { get; } = [];
    public ConcurrentBag<string> ConsoleErrors { get; } = [];

    /// <summary>Signs in through the real form (antiforgery token and cookie included) and waits for the landing page.</summary>
    public async Task SignIn(string username, string password, string path = "/login")
    {
        await Page.GotoAsync(path);
        await Page.GetByTestId("login-username").FillAsync(username);
        await Page.GetByTestId("login-password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitForCircuit();
    }

    public Task SignInAdmin() => SignIn("admin", WallHost.AdminPassword);

    /// <summary>Waits until Blazor's interactive circuit is connected (after the prerendered page).</summary>
    public async Task WaitForCircuit()
    {
        await Page.Locator(".app[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
