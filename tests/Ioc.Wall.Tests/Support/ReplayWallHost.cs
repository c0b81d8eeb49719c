using Ioc.Time;
using static Ioc.Testing.Telemetry;

namespace Ioc.Wall.Tests.Support;

/// <summary>
/// A center where Phường Láng had a small morning on 25 Nov 2026 (nine tickets, three of them called after 18 to 20
/// minutes and served), posted over HTTP as it happened; the clock then stands the next morning, so that day is a past one.
/// </summary>
public sealed class ReplayWallHost : WallHost
{
    public const string Ward = "00199";
    public const string Day = "2026-11-25";
    public const int WaitingAtMidnight = 6;

    private static DateTimeOffset T(int h, int m) => new(2026, 11, 25, h, m, 0, HanoiTime.Offset);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var kiosk = await Provision("rp-kiosk", "kiosk", Ward);
        var desk = await Provision("rp-desk", "counter", Ward);
        Time.SetUtcNow(T(10, 10));
        await PostAccepted(kiosk, [.. Enumerable.Range(1, 9).Select(i => Issued("rp-kiosk", Ward, T(10, i - 1), $"A{i:000}", "ho-tich"))]);
        Time.SetUtcNow(T(10, 21));
        await PostAccepted(desk, [.. Enumerable.Range(1, 3).Select(i => Ticket("ticket.called", "rp-desk", Ward, T(10, 20), $"A{i:000}", "1"))]);
        Time.SetUtcNow(T(10, 31));
        await PostAccepted(desk, [.. Enumerable.Range(1, 3).Select(i => Ticket("ticket.served", "rp-desk", Ward, T(10, 30), $"A{i:000}", "1"))]);
        Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 8, 0, 0, HanoiTime.Offset));
    }
}
