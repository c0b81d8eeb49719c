using System.Text.Json;
using Ioc.Dashboard.History;
using Ioc.Grains;
using Ioc.Time;
using Microsoft.Extensions.DependencyInjection;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// The embedded default with no InfluxDB: minutes recorded last week (fake clock) are in the data folder's
/// history, and after a restart a week later the ward's comparison and a longer view read them.
/// </summary>
public sealed class HistoryRestartTests : IDisposable
{
    private const string Ward = "00091";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1), Five = TimeSpan.FromMinutes(5);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-history-restart-" + Guid.NewGuid().ToString("N"));

    private sealed class Center(string data, DateTimeOffset start) : CenterHost(data, start)
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Ioc:History:RecordEvery", "00:00:00.050")];

        public SqliteWardHistoryStore Store => Services.GetRequiredService<SqliteWardHistoryStore>();
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Plays a generated quarter hour from <paramref name="t0"/>: each minute a few tickets are issued and
    /// some called. Returns what each minute's sample must hold: the people waiting the minutes before left.
    /// </summary>
    private static async Task<List<(DateTimeOffset At, int Waiting)>> PlayQuarterHour(Center host, string key, string device, DateTimeOffset t0, int seed)
    {
        var rng = new Random(seed);
        var waiting = new Queue<string>();
        var expected = new List<(DateTimeOffset, int)>();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var start = host.Now;
        await Until(() => host.Store.Samples(Ward, start, start + Minute).Count == 1, $"the sample of the center's start (seed {seed})");
        for (var m = 0; m < 15; m++)
        {
            var minute = t0 + m * Minute;
            // Into the minute: the ward takes its sample at its first look, the recorder at its next tick.
            host.Time.SetUtcNow(minute + TimeSpan.FromSeconds(1));
            await host.Get($"/api/v1/wards/{Ward}");
            expected.Add((minute, waiting.Count));
            await Until(() => host.Store.Samples(Ward, minute, minute + Minute).Count == 1, $"the sample of {minute:HH:mm} (seed {seed})");

            // Later in the minute: this minute's events, seen by the city feed before the clock moves on.
            host.Time.SetUtcNow(minute + TimeSpan.FromSeconds(30));
            var now = host.Now;
            var events = new List<System.Text.Json.Nodes.JsonObject>();
            for (var i = rng.Next(0, 5); i > 0; i--)
            {
                var ticket = $"S{seed}-{m}-{i}";
                waiting.Enqueue(ticket);
                events.Add(Issued(device, Ward, now, ticket, "ho-tich", "kiosk"));
            }
            for (var i = Math.Min(rng.Next(0, 3), waiting.Count); i > 0; i--)
                events.Add(Ticket("ticket.called", device, Ward, now, waiting.Dequeue(), "Q1"));
            if (events.Count > 0) await host.PostAccepted(key, [.. events]);
            var left = waiting.Count;
            await Until(async () => (await grains.GetGrain<ICityFeedGrain>(0).GetFrame()).Wards.Single(w => w.Code == Ward).Waiting == left,
                $"the city feed showing {left} waiting (seed {seed})");
        }
        return expected;
    }

    /// <summary>The test's own calculator: mean per bucket of the minute samples (buckets at multiples of the step since the epoch).</summary>
    private static List<(DateTimeOffset At, double Value)> Means(IEnumerable<(DateTimeOffset At, int Waiting)> samples, TimeSpan step) =>
        [.. samples.GroupBy(s => DateTimeOffset.FromUnixTimeSeconds(s.At.ToUnixTimeSeconds() / (long)step.TotalSeconds * (long)step.TotalSeconds))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(s => (double)s.Waiting) / g.Count()))];

    private static List<(DateTimeOffset At, double Value)> Points(JsonElement series) =>
        [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("at").GetDateTimeOffset(), p.GetProperty("value").GetDouble()))];

    private static async Task Until(Func<bool> done, string what) => await Until(() => Task.FromResult(done()), what);

    private static async Task Until(Func<Task<bool>> done, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await done())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"no {what} within 20 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Last_weeks_minutes_are_compared_with_todays_after_a_restart_without_influxdb()
    {
        var seed = Environment.TickCount;
        var today0 = CenterHost.Start + TimeSpan.FromMinutes(10);       // Wednesday 25 Nov, 09:10 in Hanoi
        var lastWeek0 = today0 - TimeSpan.FromDays(7);                  // Wednesday 18 Nov, 09:10
        string key;
        List<(DateTimeOffset At, int Waiting)> lastWeek;
        await using (var first = new Center(_data, lastWeek0 - TimeSpan.FromMinutes(10)))
        {
            await first.InitializeAsync();
            key = await first.Provision("hr-kiosk", "kiosk", Ward);
            lastWeek = [(first.Now, 0), .. await PlayQuarterHour(first, key, "hr-kiosk", lastWeek0, seed)];
        }
        Assert.True(File.Exists(Path.Combine(_data, SqliteWardHistoryStore.FileName)));

        await using var second = new Center(_data, CenterHost.Start);
        await second.InitializeAsync();
        List<(DateTimeOffset At, int Waiting)> today = [(second.Now, 0), .. await PlayQuarterHour(second, key, "hr-kiosk", today0, seed + 1)];
        second.Time.SetUtcNow(today0 + TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(50));  // still in the last played minute

        var compare = await second.Get($"/api/v1/wards/{Ward}/history/compare?metric=waiting&step=5m");
        Assert.Equal("sqlite", compare.GetProperty("lastWeek").GetProperty("source").GetString());
        Assert.Equal("sqlite", compare.GetProperty("today").GetProperty("source").GetString());
        // Each center's first sample is its start (09:00, nobody waiting), then the quarter hour from 09:10.
        Assert.Equal(Means(lastWeek, Five), Points(compare.GetProperty("lastWeek")));
        Assert.Equal(Means(today, Five), Points(compare.GetProperty("today")));

        // A longer view (step 1 h over eight days) reads both weeks; hours with no samples are left out.
        static string Q(DateTimeOffset t) => Uri.EscapeDataString(CenterHost.Rfc3339(t));
        var hourly = await second.Get($"/api/v1/wards/{Ward}/history?metric=waiting&from={Q(lastWeek0 - TimeSpan.FromDays(1))}&to={Q(second.Now)}&step=1h");
        Assert.Equal("sqlite", hourly.GetProperty("source").GetString());
        Assert.Equal([.. Means(lastWeek, TimeSpan.FromHours(1)), .. Means(today, TimeSpan.FromHours(1))], Points(hourly));
    }

    [Fact]
    public async Task Minutes_older_than_the_kept_days_are_deleted_when_the_day_changes()
    {
        await using var host = new Center(_data, CenterHost.Start);
        await host.InitializeAsync();
        // Minutes from 36 and 35 days ago (the fake clock cannot be run back, and running it 35 days on would
        // fire every grain's wall-clock tick for each period on the way): recorded as they would have been then.
        var frame = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICityFeedGrain>(0).GetFrame();
        var day = HanoiTime.DayOf(CenterHost.Start);
        var tooOld = HanoiTime.StartOf(day.AddDays(-36)) + TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59);
        var oldestKept = HanoiTime.StartOf(day.AddDays(-35));
        await host.Store.Record(frame.Wards, oldestKept);
        await host.Store.Record(frame.Wards, tooOld);

        // The recorder's next sample is on another day than the last one recorded: that prunes.
        await Until(() => host.Store.Samples(Ward, tooOld, tooOld + Minute).Count == 0, "the minute 36 days old deleted");
        Assert.Single(host.Store.Samples(Ward, oldestKept, oldestKept + Minute));
        Assert.Single(host.Store.Samples(Ward, host.Now, host.Now + Minute));
    }
}
