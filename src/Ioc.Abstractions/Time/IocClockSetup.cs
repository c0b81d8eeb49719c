using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Ioc.Time;

/// <summary>
/// Builds the business clock from <c>Ioc:Clock:Speed</c> and <c>Ioc:Clock:Start</c> ("HH:mm" today
/// in Hanoi, or an RFC 3339 instant). A sped-up clock keeps its anchor in the data folder, so a
/// restart continues the demo day instead of turning time back on stored events.
/// </summary>
public static class IocClockSetup
{
    private sealed record Anchor(DateTimeOffset Real, DateTimeOffset Business, double Speed);

    public static IocClock FromConfiguration(IConfiguration config, TimeProvider? real = null)
    {
        real ??= TimeProvider.System;
        var speed = config.GetValue<double?>("Ioc:Clock:Speed") ?? 1;
        var start = config["Ioc:Clock:Start"];
        if (speed == 1 && string.IsNullOrWhiteSpace(start)) return new IocClock(real);

        var dataPath = config["Ioc:DataPath"] ?? "data";
        var file = Path.Combine(dataPath, "clock.json");
        if (File.Exists(file) && JsonSerializer.Deserialize<Anchor>(File.ReadAllText(file)) is { } saved && saved.Speed == speed)
            return new IocClock(real, speed, saved.Business, saved.Real);

        var now = real.GetUtcNow();
        var business = ParseStart(start, now) ?? now;
        var clock = new IocClock(real, speed, business, now);
        Directory.CreateDirectory(dataPath);
        File.WriteAllText(file, JsonSerializer.Serialize(new Anchor(now, business, speed)));
        return clock;
    }

    public static DateTimeOffset? ParseStart(string? start, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(start)) return null;
        if (TimeOnly.TryParseExact(start, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var tod))
            return HanoiTime.StartOf(HanoiTime.DayOf(now)) + tod.ToTimeSpan();
        if (DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant;
        throw new FormatException($"Ioc:Clock:Start '{start}' is neither HH:mm nor an RFC 3339 time.");
    }
}
