using System.Net;
using Ioc.Dashboard.Replay;
using Ioc.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ioc.Tests.Replay;

/// <summary>
/// The center with two wards' scripted day (25 Nov 2026) posted over HTTP as it happened, on the fake business
/// clock, then the clock standing the next morning. Replays' own clocks run on <see cref="ReplayTime"/>.
/// </summary>
public sealed class ReplayDayHost : CenterHost
{
    public static readonly DateOnly Day = new(2026, 11, 25);
    public static readonly DateTimeOffset NextMorning = new(2026, 11, 26, 8, 0, 0, HanoiTime.Offset);

    public FakeTimeProvider ReplayTime { get; } = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    public IReadOnlyList<ScriptedWardDay> Wards { get; } =
        [new("00097", Day, seed: 97), new("00229", Day, seed: 229)];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(Replays.RealClockKey, ReplayTime);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var keys = new Dictionary<(string Ward, string Kind), (string Device, string Key)>();
        foreach (var w in Wards)
            foreach (var kind in new[] { "robot", "counter", "dossier-system" })
            {
                var device = $"rp-{kind}-{w.Ward}";
                keys[(w.Ward, kind)] = (device, await Provision(device, kind, w.Ward));
            }
        var all = Wards.SelectMany(w => w.Events.Select(e => (Ward: w, Event: e)));
        foreach (var arrival in all.GroupBy(x => x.Event.ArrivesAt).OrderBy(g => g.Key))
        {
            Time.SetUtcNow(arrival.Key);
            foreach (var batch in arrival.GroupBy(x => (x.Ward, Kind: DeviceKind(x.Event.Kind))))
            {
                var (device, key) = keys[(batch.Key.Ward.Ward, batch.Key.Kind)];
                var r = await PostTelemetry(key, [.. batch.Select(x => batch.Key.Ward.ToJson(x.Event, device))]);
                Assert.True(r.StatusCode == HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
            }
        }
        Time.SetUtcNow(NextMorning);
    }

    private static string DeviceKind(string eventKind) => eventKind switch
    {
        "ticket.issued" or "rating.submitted" => "robot",
        "ticket.called" or "ticket.served" or "ticket.noshow" => "counter",
        _ => "dossier-system",
    };
}
