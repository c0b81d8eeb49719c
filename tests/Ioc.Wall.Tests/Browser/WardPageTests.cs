using System.Text.Json;
using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>A ward chief on their ward's page, and the alerts page.</summary>
public sealed class WardPageTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    [Fact]
    public async Task A_ward_chief_lands_on_their_ward_and_is_refused_another()
    {
        await host.CreateUser("chief.kimlien", "chief-password-1", "ward-chief", "00229");
        await using var tab = await browser.Open(host);
        await tab.SignIn("chief.kimlien", "chief-password-1");
        Assert.EndsWith("/wards/00229", tab.Page.Url);
        await Expect(tab.Page.GetByTestId("ward-name")).ToHaveTextAsync("Phường Kim Liên");
        await Expect(tab.Page.GetByTestId("hall-plan")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("nav-wall")).ToHaveCountAsync(0);

        // The city wall is not theirs: they are sent to their ward.
        await tab.Page.GotoAsync("/");
        await tab.Page.WaitForURLAsync("**/wards/00229");

        // Another ward's page answers 403 and says so.
        var other = await tab.Page.GotoAsync("/wards/00235");
        Assert.Equal(403, other!.Status);
        await Expect(tab.Page.GetByTestId("forbidden")).ToContainTextAsync("403");
        await Expect(tab.Page.GetByTestId("ward-page")).ToHaveCountAsync(0);
        await tab.Page.GetByTestId("go-own-ward").ClickAsync();
        await tab.Page.WaitForURLAsync("**/wards/00229");
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task The_ward_page_shows_counters_queues_and_robots_live()
    {
        const string ward = "00190"; // Ô Chợ Dừa
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GotoAsync($"/wards/{ward}");
        await tab.WaitForCircuit();

        var desk = await host.Provision("ocd-desk-2", "counter", ward);
        var robot = await host.Provision("ocd-robot-1", "robot", ward);
        var kiosk = await host.Provision("ocd-kiosk", "kiosk", ward);
        await host.PostAccepted(desk, CounterState("ocd-desk-2", ward, host.Now, "2", "open", "ho-tich", "chung-thuc"));
        await host.PostAccepted(kiosk,
            Issued("ocd-kiosk", ward, host.Now.AddMinutes(-12), "B001", "ho-tich"),
            Issued("ocd-kiosk", ward, host.Now.AddMinutes(-9), "B002", "ho-tich"),
            Issued("ocd-kiosk", ward, host.Now.AddMinutes(-3), "B003", "ho-tich"),
            Ticket("ticket.called", "ocd-kiosk", ward, host.Now.AddMinutes(-1), "B001", "2"));
        await host.PostAccepted(robot, RobotState("ocd-robot-1", ward, host.Now, 8.0, 6.0, 0.5, 76, "guiding"));

        var row = tab.Page.Locator("[data-testid=counter-row][data-counter='2']");
        await Expect(row).ToHaveAttributeAsync("data-status", "open", new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("B001");
        await Expect(tab.Page.Locator("[data-testid=queue-row][data-service=ho-tich]")).ToContainTextAsync("2");
        await Expect(tab.Page.Locator("[data-testid=queue-row][data-service=ho-tich] [data-testid=queue-estimate]")).Not.ToHaveTextAsync("–");
        var marker = tab.Page.Locator("[data-testid=hall-robot][data-device='ocd-robot-1']");
        await Expect(marker).ToHaveAttributeAsync("data-mode", "guiding", new() { Timeout = 15_000 });
        await Expect(tab.Page.Locator("[data-testid=hall-desk][data-counter='2']")).ToHaveAttributeAsync("data-status", "open");

        // The robot moves: its marker follows without reloading the page.
        var before = await marker.Locator(".robot-body").GetAttributeAsync("style");
        await host.PostAccepted(robot, RobotState("ocd-robot-1", ward, host.Now.AddSeconds(1), 12.0, 9.0, 1.5, 75, "guiding"));
        await Expect(marker.Locator(".robot-body")).Not.ToHaveAttributeAsync("style", before!, new() { Timeout = 15_000 });
        await Expect(marker.Locator(".robot-body")).ToHaveAttributeAsync("style", "transform:translate(12px,7px)");
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task Acknowledging_and_resolving_an_alert_shows_who_did_it_and_when()
    {
        const string ward = "00226"; // Văn Miếu - Quốc Tử Giám
        await host.CreateUser("chief.vanmieu", "chief-password-2", "ward-chief", ward);
        var dvc = await host.Provision("vm-dvc", "dossier-system", "", [ward]);
        await host.PostAccepted(dvc, Received("vm-dvc", ward, host.Now.AddDays(-3), "HS-VM-1", host.Now.AddHours(-2)));

        await using var tab = await browser.Open(host);
        await tab.SignIn("chief.vanmieu", "chief-password-2");
        var alert = tab.Page.Locator("[data-testid=alert-row][data-kind=dossier-overdue]");
        await Expect(alert).ToHaveAttributeAsync("data-state", "open", new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("dossier-overdue")).ToContainTextAsync("HS-VM-1");

        await alert.GetByTestId("ack-button").ClickAsync();
        await Expect(alert).ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 10_000 });
        await Expect(alert.GetByTestId("alert-acknowledged-by")).ToContainTextAsync("Đã xác nhận bởi chief.vanmieu lúc 09:");
        await Expect(alert.GetByTestId("ack-button")).ToHaveCountAsync(0);

        // The API agrees on who acknowledged it.
        var id = await alert.GetAttributeAsync("data-alert-id");
        var alerts = await host.Get($"/api/v1/alerts?ward={ward}");
        var stored = alerts.EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal("chief.vanmieu", stored.GetProperty("acknowledgedBy").GetString());

        // It stays acknowledged after a reload, and resolving records the person too.
        await tab.Page.ReloadAsync();
        await tab.WaitForCircuit();
        alert = tab.Page.Locator($"[data-testid=alert-row][data-alert-id='{id}']");
        await Expect(alert.GetByTestId("alert-acknowledged-by")).ToContainTextAsync("chief.vanmieu");
        await alert.GetByTestId("resolve-button").ClickAsync();
        await Expect(alert).ToHaveAttributeAsync("data-state", "resolved", new() { Timeout = 10_000 });
        await Expect(alert.GetByTestId("alert-resolved-by")).ToContainTextAsync("chief.vanmieu");
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task The_alerts_page_filters_by_ward_kind_severity_and_state_and_acknowledges()
    {
        var dvc = await host.Provision("ap-dvc", "dossier-system", "", ["00004", "00008"]);
        await host.PostAccepted(dvc,
            Received("ap-dvc", "00004", host.Now.AddDays(-2), "HS-BD-1", host.Now.AddHours(-1)),
            Received("ap-dvc", "00008", host.Now.AddDays(-2), "HS-NH-1", host.Now.AddHours(-1)),
            Received("ap-dvc", "00008", host.Now.AddDays(-1), "HS-NH-2", host.Now.AddHours(5)));

        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GotoAsync("/alerts");
        await tab.WaitForCircuit();
        var rows = tab.Page.GetByTestId("alert-row");
        await Expect(tab.Page.Locator("[data-testid=alert-row][data-ward='00008'][data-kind=dossier-overdue]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        await tab.Page.GetByTestId("filter-ward").SelectOptionAsync("00008");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.All(await rows.EvaluateAllAsync<string[]>("r => r.map(x => x.dataset.ward)"), w => Assert.Equal("00008", w));
        await tab.Page.GetByTestId("filter-severity").SelectOptionAsync("critical");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-kind", "dossier-overdue");
        await tab.Page.GetByTestId("filter-severity").SelectOptionAsync("");
        await tab.Page.GetByTestId("filter-kind").SelectOptionAsync("dossier-due-soon");
        await Expect(rows).ToHaveCountAsync(1);
        await tab.Page.GetByTestId("filter-kind").SelectOptionAsync("dossier-overdue");
        await Expect(rows).ToHaveCountAsync(1);

        await rows.First.GetByTestId("ack-button").ClickAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 10_000 });
        await Expect(rows.First.GetByTestId("alert-acknowledged-by")).ToContainTextAsync("admin");
        await tab.Page.GetByTestId("filter-state").SelectOptionAsync("open");
        await Expect(rows).ToHaveCountAsync(0);
        await tab.Page.GetByTestId("filter-state").SelectOptionAsync("acknowledged");
        await Expect(rows).ToHaveCountAsync(1);
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_ward_chief_sees_only_their_wards_alerts()
    {
        await host.CreateUser("chief.tayho", "chief-password-3", "ward-chief", "00103");
        var dvc = await host.Provision("th-dvc", "dossier-system", "", ["00103", "00097"]);
        await host.PostAccepted(dvc,
            Received("th-dvc", "00097", host.Now.AddDays(-2), "HS-HH-1", host.Now.AddHours(-1)),
            Received("th-dvc", "00103", host.Now.AddDays(-2), "HS-TH-1", host.Now.AddHours(-1)));
        await using var tab = await browser.Open(host);
        await tab.SignIn("chief.tayho", "chief-password-3");
        await tab.Page.GotoAsync("/alerts");
        await tab.WaitForCircuit();
        await Expect(tab.Page.Locator("[data-testid=alert-row][data-ward='00103']").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.All(await tab.Page.GetByTestId("alert-row").EvaluateAllAsync<string[]>("r => r.map(x => x.dataset.ward)"), w => Assert.Equal("00103", w));
        Assert.Equal(1, await tab.Page.GetByTestId("filter-ward").Locator("option").CountAsync());
    }
}
