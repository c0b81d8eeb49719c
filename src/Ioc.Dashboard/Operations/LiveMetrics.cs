using System.Diagnostics.Metrics;

namespace Ioc.Dashboard.Operations;

/// <summary>
/// Meter <c>Ioc.Live</c>: frames this Dashboard process pushed (<c>ioc.live.frames</c> by <c>kind</c>: wall, ward,
/// alert) and the live clients connected to it (<c>ioc.live.clients</c> by <c>kind</c>: hub connections, page circuits).
/// </summary>
public sealed class LiveMetrics
{
    public const string MeterName = "Ioc.Live";
    public const string Hub = "hub";
    public const string Page = "page";

    private readonly Counter<long> _frames;
    private readonly UpDownCounter<long> _clients;

    public LiveMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _frames = meter.CreateCounter<long>("ioc.live.frames", "{frame}", "Live feed frames pushed by this process, by kind (wall, ward, alert)");
        _clients = meter.CreateUpDownCounter<long>("ioc.live.clients", "{client}", "Live clients connected to this process: SignalR hub connections and page circuits");
    }

    public void FrameSent(string kind) => _frames.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Connected(string kind) => _clients.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Disconnected(string kind) => _clients.Add(-1, new KeyValuePair<string, object?>("kind", kind));
}
