using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Bench.Forecast;

/// <summary>
/// Seeded halls of a shape, as a ward's estimator sees them: desks open, paused or busy with a citizen,
/// each serving some of the services; citizens waiting for them; a model learned over a few days.
/// </summary>
internal static class Halls
{
    public static readonly string[] Services = ["ho-tich", "chung-thuc", "dat-dai", "kinh-doanh", "xa-hoi", "xay-dung", "khac"];

    public static (WaitingKey Target, List<WaitingKey> Ahead, List<DeskNow> Desks, ServiceTimeModel Model, DateTimeOffset Now) Make(HallShape shape, int seed)
    {
        var rng = new Random(seed);
        var now = new DateTimeOffset(2025, 7, 9, 8 + rng.Next(8), rng.Next(60), 0, HanoiTime.Offset);
        var services = Services[..shape.Services];
        var model = new ServiceTimeModel();
        foreach (var s in services)
        {
            var mean = 240 + rng.Next(600);
            model.HourSeconds[s] = [.. Enumerable.Range(0, 24).Select(_ => mean * 40.0)];
            model.HourCounts[s] = [.. Enumerable.Range(0, 24).Select(_ => 40.0)];
            model.LogMoments[s] = [200, 200 * Math.Log(mean), 200 * (Math.Log(mean) * Math.Log(mean) + 0.2)];
        }
        (model.Calls, model.NoShows, model.NoShowSeconds, model.Gaps, model.GapSeconds) = (500, 15, 15 * 120, 480, 480 * 25);
        var desks = new List<DeskNow>();
        for (var d = 0; d < shape.Desks; d++)
        {
            var label = $"{d + 1}";
            model.DeskSeconds[label] = [4000 + rng.Next(2000), 5000];
            var serves = services.Where(_ => rng.NextDouble() < 0.5).ToArray();
            var status = rng.NextDouble() < 0.1 ? "paused" : "open";
            DeskTicket? current = status == "open" && rng.NextDouble() < 0.7
                ? new DeskTicket(now.AddSeconds(-rng.Next(600)), $"C{d}", services[rng.Next(services.Length)]) : null;
            desks.Add(new DeskNow(label, status, true, serves, now.AddMinutes(-rng.Next(30)), current));
        }
        var ahead = Enumerable.Range(0, shape.Waiting)
            .Select(i => new WaitingKey(now.AddSeconds(-60 * (shape.Waiting - i)), $"A{i:000}", services[rng.Next(services.Length)]))
            .ToList();
        return (new WaitingKey(now, "Z999", services[rng.Next(services.Length)]), ahead, desks, model, now);
    }
}
