using Ioc.Grains;
using Ioc.History;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Dashboard.History;

/// <summary>
/// History in InfluxDB: every record is one <c>ward</c> point per ward and one <c>robot</c> point per provisioned
/// robot that has reported, queued in the background <see cref="InfluxWriter"/>; reads are InfluxQL means
/// (InfluxDB's own retention policies decide how long points stay).
/// </summary>
public sealed class InfluxWardHistoryStore(IGrainFactory grains, InfluxWriter writer, InfluxReader reader) : IWardHistoryStore
{
    public string Source => HistoryEndpoints.InfluxSource;

    public async Task Record(IReadOnlyList<WardSummary> wards, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var devices = await grains.GetGrain<IDeviceRegistryGrain>(0).List();
        var robots = devices.Where(d => d.Kind == DeviceKinds.Robot).ToList();
        var views = await Task.WhenAll(robots.Select(r => grains.GetGrain<IRobotGrain>(r.DeviceId).GetView()));

        var points = new List<Point>(wards.Count + views.Length);
        points.AddRange(wards.Select(w => HistoryPoints.Ward(w, at)));
        for (var i = 0; i < views.Length; i++)
        {
            if (HistoryPoints.Robot(views[i], robots[i].Wards.FirstOrDefault(), at) is { } point) points.Add(point);
        }
        writer.Write(points);
    }

    public async Task<IReadOnlyList<HistoryPoint>> Read(
        string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default)
    {
        if (to <= from) return [];
        try
        {
            var values = await reader.ReadWardHistoryAsync(ward, metric, from, to, step, cancellationToken);
            return [.. values.Select(v => new HistoryPoint(HanoiTime.ToLocal(v.Time), v.Value))];
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InfluxException)
        {
            throw new HistoryUnavailableException($"InfluxDB could not answer: {e.Message}", e);
        }
    }
}
