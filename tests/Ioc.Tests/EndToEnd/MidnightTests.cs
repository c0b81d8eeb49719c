using System.Net;
using System.Text;
using System.Text.Json;
using Ioc.Dashboard.Jobs;
using Ioc.Time;
using Microsoft.Extensions.DependencyInjection;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// A day that crosses midnight in Hanoi with late deliveries, through the real HTTP API: events
/// count for the day of their <c>ts</c>; a late one amends the closed day, its report and its index.
/// </summary>
public sealed class MidnightTests(CenterHost host) : IClassFixture<CenterHost>
{
    private const string Ward = "00229"; // Kim Liên
    private static readonly DateOnly Day1 = new(2026, 11, 25);
    private static DateTimeOffset T(int day, int h, int m, int s = 0) => new(2026, 11, day, h, m, s, HanoiTime.Offset);

    [Fact]
    public async Task Late_deliveries_after_midnight_amend_the_closed_day_its_report_and_its_index_and_today_starts_clean()
    {
        host.Time.SetUtcNow(T(25, 23, 30));
        var robot = await host.Provision("mn-robot", "robot", Ward);
        var desk = await host.Provision("mn-desk", "counter", Ward);
        var dvc = await host.Provision("mn-dvc", "dossier-system", Ward);
        await host.PostAccepted(dvc, Received("mn-dvc", Ward, T(25, 23, 30), "HS-MN1", T(27, 17, 0), "online"));
        host.Time.SetUtcNow(T(25, 23, 46));
        await host.PostAccepted(robot, Issued("mn-robot", Ward, T(25, 23, 40), "A001", "ho-tich"), Rating("mn-robot", Ward, T(25, 23, 45), 5));
        host.Time.SetUtcNow(T(25, 23, 58));
        await host.PostAccepted(desk, Ticket("ticket.called", "mn-desk", Ward, T(25, 23, 52), "A001", "1"));

        // Midnight passes; the day closes with what arrived by then.
        host.Time.SetUtcNow(T(26, 0, 0, 4));
        await host.Services.GetRequiredService<DayCloseJob>().Run();
        var closedBefore = await Entry(Day1);
        Assert.Equal((1, 1), (closedBefore.GetProperty("dossiersReceived").GetInt32(), closedBefore.GetProperty("ratings").GetInt32()));

        // Then the rest of the old day arrives: a rating timed 23:59:50, the service and a resolution at 23:59.
        await host.PostAccepted(robot, Rating("mn-robot", Ward, T(25, 23, 59, 50), 2));
        await host.PostAccepted(desk, Ticket("ticket.served", "mn-desk", Ward, T(25, 23, 59), "A001", "1"));
        await host.PostAccepted(dvc, Dossier("dossier.resolved", "mn-dvc", Ward, T(25, 23, 59), "HS-MN1"));
        // And the new day begins.
        await host.PostAccepted(robot, Issued("mn-robot", Ward, T(26, 0, 0, 5), "A001", "chung-thuc"), Rating("mn-robot", Ward, T(26, 0, 0, 6), 4));

        // The closed day, worked out by hand: 1 issued, 1 served, wait 12 min, service 7 min,
        // ratings 5 and 2 (one satisfied), 1 received online and resolved on time.
        await host.Services.GetRequiredService<ServiceIndexJob>().RefreshAmended();
        var closed = await Entry(Day1);
        Assert.Equal((1, 1, 0, 2), (closed.GetProperty("dossiersReceived").GetInt32(), closed.GetProperty("dossiersResolvedOnTime").GetInt32(),
            closed.GetProperty("dossiersResolvedLate").GetInt32(), closed.GetProperty("ratings").GetInt32()));
        var groups = closed.GetProperty("score").GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(20.0, groups["progress"].GetProperty("points").GetDouble());
        Assert.Equal(9.0, groups["satisfaction"].GetProperty("points").GetDouble()); // 18 × 1/2

        var report = await Csv(Day1);
        Assert.Equal("1", report["Số phiếu đã cấp"]);
        Assert.Equal("1", report["Đã phục vụ"]);
        Assert.Equal("12", report["Thời gian chờ trung bình (phút)"]);
        Assert.Equal("2", report["Lượt đánh giá"]);
        Assert.Equal("3.5", report["Điểm hài lòng trung bình"]);
        Assert.Equal("1", report["Giải quyết đúng hạn"]);

        // Today holds only today's events: a new A001, nobody served yet, one rating.
        var today = await host.Get($"/api/v1/wards/{Ward}");
        Assert.Equal((1, 1, 0, 1, 0), (today.GetProperty("ticketsIssued").GetInt32(), today.GetProperty("waiting").GetInt32(),
            today.GetProperty("ticketsServed").GetInt32(), today.GetProperty("ratings").GetInt32(), today.GetProperty("dossiers").GetProperty("received").GetInt32()));
        Assert.Equal("2026-11-26", today.GetProperty("day").GetString());
    }

    private async Task<JsonElement> Entry(DateOnly day)
    {
        var r = await host.Get($"/api/v1/rankings?day={day:yyyy-MM-dd}");
        return r.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("code").GetString() == Ward);
    }

    private async Task<Dictionary<string, string>> Csv(DateOnly day)
    {
        var r = await host.Send(HttpMethod.Get, $"/api/v1/reports/{day:yyyy-MM-dd}/{Ward}.csv", await host.AdminToken());
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var lines = Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
        return lines[0].Split(',').Zip(lines[1].Split(',')).ToDictionary(p => p.First, p => p.Second);
    }
}
