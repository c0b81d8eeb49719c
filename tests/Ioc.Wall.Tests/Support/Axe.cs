using System.Text.Json;
using Microsoft.Playwright;

namespace Ioc.Wall.Tests.Support;

/// <summary>One WCAG rule a page breaks, as axe-core reports it: how many elements and the first few of them.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, int Nodes, string[] Targets)
{
    public override string ToString() => $"{Id} ({Impact}, {Nodes} nodes): {Help} — {string.Join(" | ", Targets)}";
}

/// <summary>
/// axe-core (shipped with the tests in Axe/, MPL-2.0, see Axe/LICENSE; nothing is fetched) run in the page
/// against the WCAG 2.0/2.1 A and AA rules.
/// </summary>
public static class Axe
{
    public const string Version = "4.14.1";
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Axe", "axe.min.js")));

    public static async Task<IReadOnlyList<AxeViolation>> Run(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            // Evaluated through the browser's debugging protocol, not added as an inline <script>: the
            // pages' Content-Security-Policy (rightly) refuses inline scripts.
            await page.EvaluateAsync<bool>(Script.Value + "\n;typeof window.axe === 'object'");
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
              });
              return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
            }
            """);
        return [.. json.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString(), v.GetProperty("help").GetString()!,
            v.GetProperty("nodes").GetInt32(), [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }
}
