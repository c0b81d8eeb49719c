using System.Globalization;
using Ioc.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ioc.Simulator;

/// <summary>
/// Standalone simulator:
/// <c>dotnet run --project src/Ioc.Simulator -- --Ioc:Simulator:BaseUrl=http://localhost:5080
/// --Ioc:Simulator:AdminUsername=admin --Ioc:Simulator:AdminPassword=... [--Ioc:Clock:Speed=60 --Ioc:Clock:Start=07:30]</c>
/// </summary>
internal static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton(CreateClock(builder.Configuration, TimeProvider.System));
        builder.Services.AddIocSimulator(builder.Configuration);
        using var host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The business clock from <c>Ioc:Clock:Speed</c> (default 1) and <c>Ioc:Clock:Start</c>
    /// ("HH:mm" today in Hanoi, or a full date-time).
    /// </summary>
    public static IocClock CreateClock(IConfiguration config, TimeProvider real)
    {
        var speed = double.TryParse(config["Ioc:Clock:Speed"], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1.0;
        var start = ParseStart(config["Ioc:Clock:Start"], real.GetUtcNow());
        return new IocClock(real, speed, start);
    }

    internal static DateTimeOffset? ParseStart(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TimeSpan.TryParseExact(text.Trim(), [@"hh\:mm", @"h\:mm", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var tod))
            return HanoiTime.StartOf(HanoiTime.DayOf(now)) + tod;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new FormatException($"Ioc:Clock:Start '{text}' is neither HH:mm nor a date-time.");
    }
}
