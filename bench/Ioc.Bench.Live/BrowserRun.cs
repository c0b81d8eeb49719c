using System.Text.Json;
using Microsoft.Playwright;

namespace Ioc.Bench.Live;

/// <param name="SincePreviousRender">How long before the render that showed the event the wall had last been rendered (frames render at once, other pushes at most once per 100 ms).</param>
public sealed record BrowserSample(Sample Sample, double? DomMs, string? DomAt, int? DomWaiting, int? FrameWaiting, double? SincePreviousRender = null);

public sealed record BrowserResult(IReadOnlyList<BrowserSample> Samples, CpuUse Cpu, string? Problem);

/// <summary>
/// The wall in Debian's Chromium (as tests/Ioc.Wall.Tests launches it), signed in as admin through
/// the form at /login. A MutationObserver in the page logs, with <c>Date.now()</c>, every change of
/// what the wall shows: the frame time it renders (<c>[data-testid=wall]</c>'s
/// <c>data-frame-at</c>) and the sample ward's map cell (<c>[data-testid=ward-cell][data-code=W]</c>,
/// whose tooltip holds the ward's waiting count). An event is on screen when the page renders a
/// frame at least as new as the first frame that carried it (which the probe client identifies);
/// the ward's waiting figure in that cell is checked against the frame.
/// </summary>
public sealed class BrowserRun(LiveOptions options, Probe probe, Sampler sampler)
{
    private const string InstallLog = """
        ([ward, wallSel, cellSel]) => {
          window.__ioc = { log: [], last: null, renders: [] };
          const snap = (now) => {
            const wall = document.querySelector(wallSel);
            if (!wall) return;
            const at = wall.getAttribute('data-frame-at');
            const cell = document.querySelector(cellSel);
            const title = cell ? (cell.querySelector('title')?.textContent ?? cell.getAttribute('title') ?? '') : '';
            const key = at + '|' + title;
            if (key === window.__ioc.last) return;
            window.__ioc.last = key;
            window.__ioc.log.push({ t: now ?? Date.now(), at, title });
            if (window.__ioc.log.length > 400) window.__ioc.log.splice(0, 200);
          };
          // Every render batch that touched the wall outside the charts (Plotly redraws on its own).
          const onMutations = list => {
            const wall = document.querySelector(wallSel);
            const now = Date.now();
            if (wall && list.some(m => {
                  const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
                  return el && wall.contains(el) && !el.closest('.js-plotly-plot'); })) {
              const r = window.__ioc.renders;
              if (r.length === 0 || r[r.length - 1] !== now) r.push(now);
              if (r.length > 4000) r.splice(0, 2000);
            }
            snap(now);
          };
          new MutationObserver(onMutations).observe(document.body,
            { subtree: true, attributes: true, attributeFilter: ['data-frame-at'], childList: true, characterData: true });
          snap();
          return document.querySelectorAll(cellSel.replace(/\[data-code=[^\]]*\]/, '')).length;
        }
        """;

    public async Task<BrowserResult> Run(string ward, int samples)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
            BaseURL = options.Url.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-username").FillAsync(options.AdminUser);
        await page.GetByTestId("login-password").FillAsync(options.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        await page.Locator(".app[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var screen = BrowserScreen.For(options.Region, ward);
        if (screen.Path != "/")
        {
            await page.GotoAsync(screen.Path);
            await page.Locator(".app[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        await page.Locator(screen.Cell).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var cells = await page.EvaluateAsync<int>(InstallLog, new[] { ward, screen.Frame, screen.Cell });
        Console.WriteLine($"  browser: signed in, {screen.Path} shows {cells} unit cells; watching ward {ward}'s cell and the frame time");

        // A few unmeasured samples: the circuit and the JIT warm up.
        for (var i = 0; i < 3; i++)
        {
            await One(page, ward);
            await Task.Delay(300);
        }

        var rng = new Random(options.Seed + 7);
        var results = new List<BrowserSample>();
        string? problem = null;
        var cpu = new CpuMeter(options.Pid);
        for (var i = 0; i < samples; i++)
        {
            var r = await One(page, ward);
            results.Add(r);
            if (r.DomMs is null && problem is null) problem = $"sample {i + 1}: the page did not show the frame in 5 s";
            if ((i + 1) % 10 == 0)
                Console.WriteLine($"    {i + 1}/{samples}: DOM p50 {Stats.Ms(Stats.Pct(results.Where(x => x.DomMs.HasValue).Select(x => x.DomMs!.Value), 50))}");
            await Task.Delay(rng.Next(options.MinGapMs, options.MaxGapMs + 1));
        }
        return new BrowserResult(results, cpu.Stop(), problem);
    }

    private async Task<BrowserSample> One(IPage page, string ward)
    {
        var s = await sampler.One(ward, waitForWardFrame: false, TimeSpan.FromSeconds(5));
        if (s.FrameAt is not { } at) return new BrowserSample(s, null, null, null, null);
        var target = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await page.WaitForFunctionAsync("t => window.__ioc.log.some(e => e.at !== null && e.at >= t)", target,
                new PageWaitForFunctionOptions { Timeout = 5_000, PollingInterval = 10 });
        }
        catch (TimeoutException)
        {
            return new BrowserSample(s, null, null, null, s.FrameWaiting);
        }
        var entry = await page.EvaluateAsync<JsonElement>(FindEntry, target);
        var t = entry.GetProperty("t").GetDouble();
        var domAt = entry.GetProperty("at").GetString();
        var title = entry.GetProperty("title").GetString() ?? "";
        var startMs = (s.StartUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10_000.0;
        int? frameWaiting = domAt is not null && probe.WaitingByFrame.TryGetValue(domAt, out var byWard) && byWard.TryGetValue(ward, out var w) ? w : null;
        double? since = entry.TryGetProperty("prev", out var prev) && prev.ValueKind == JsonValueKind.Number ? t - prev.GetDouble() : null;
        return new BrowserSample(s, t - startMs, domAt, WaitingIn(title), frameWaiting, since);
    }

    /// <summary>The first render showing a frame at least as new as the target, and the wall's render before it.</summary>
    private const string FindEntry = """
        t => {
          const e = window.__ioc.log.find(e => e.at !== null && e.at >= t);
          const before = window.__ioc.renders.filter(r => r < e.t);
          return { t: e.t, at: e.at, title: e.title, prev: before.length ? before[before.length - 1] : null };
        }
        """;

    /// <summary>The cell's tooltip: "name — status\nĐang chờ: 12 · …": the first figure of the second line.</summary>
    private static int? WaitingIn(string title)
    {
        var lines = title.Split('\n');
        if (lines.Length < 2) return null;
        var colon = lines[1].IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var digits = new string(lines[1][(colon + 1)..].TakeWhile(c => c != '·').Where(char.IsDigit).ToArray());
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
