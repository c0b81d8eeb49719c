using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>A ward chief on their ward's page is advised to open a desk for a queue, accepts, and sees it recorded.</summary>
public sealed class StaffingPanelTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    [Fact]
    public async Task A_queue_at_one_desk_shows_advice_to_open_another_and_accepting_records_who_did()
    {
        const string ward = "00091"; // Phú Thượng
        await host.CreateUser("chief.phuthuong", "chief-password-1", "ward-chief", ward);
        await using var tab = await browser.Open(host);
        await tab.SignIn("chief.phuthuong", "chief-password-1");
        await tab.Page.WaitForURLAsync($"**/wards/{ward}");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("no-advice")).ToBeVisibleAsync();

        // Desk 1 open for civil status with ten citizens waiting, desk 2 closed.
        var desk1 = await host.Provision("pt-desk-1", "counter", ward);
        var desk2 = await host.Provision("pt-desk-2", "counter", ward);
        var kiosk = await host.Provision("pt-kiosk", "kiosk", ward);
        var now = host.Now;
        await host.PostAccepted(desk1, CounterState("pt-desk-1", ward, now, "1", "open", "ho-tich"));
        await host.PostAccepted(desk2, CounterState("pt-desk-2", ward, now, "2", "closed", "ho-tich", "chung-thuc"));
        await host.PostAccepted(kiosk, [.. Enumerable.Range(0, 10).Select(i => Issued("pt-kiosk", ward, now.AddMinutes(-30 + 3 * i), $"B{i:000}", "ho-tich"))]);
        await host.PostAccepted(desk1, Ticket("ticket.called", "pt-desk-1", ward, now.AddMinutes(-31), "B000", "1"));
        // A changing hall is advised at most every 2 s of real time (the page has read it while it was changing): let them pass.
        host.Time.Advance(TimeSpan.FromSeconds(3));

        var advice = tab.Page.Locator("[data-testid=advice-row][data-kind=open-desk][data-desk='2']");
        await Expect(advice).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // Vietnamese by default: the move and the wait it saves, in words.
        await Expect(advice.GetByTestId("advice-move")).ToContainTextAsync("quầy 2");
        await Expect(advice.GetByTestId("advice-gain")).ToContainTextAsync("Dự kiến chờ trung bình");
        var id = await advice.GetAttributeAsync("data-advice-id");

        await advice.GetByTestId("advice-accept").ClickAsync();
        var accepted = tab.Page.Locator($"[data-testid=advice-accepted][data-advice-id='{id}']");
        await Expect(accepted).ToHaveAttributeAsync("data-by", "chief.phuthuong", new() { Timeout = 15_000 });
        await Expect(accepted.GetByTestId("advice-accepted-by")).ToContainTextAsync("chief.phuthuong");
        await Expect(tab.Page.GetByTestId("advice-error")).ToHaveCountAsync(0);
        Assert.Empty(tab.Outside);
    }
}
