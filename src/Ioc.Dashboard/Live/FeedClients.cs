using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>
/// The wall feeds of this process's hub connections, and the picture they are fed from: the city
/// feed hands each applied frame to <see cref="Publish"/>, which wakes every connection to send what it has not sent yet.
/// </summary>
public sealed class FeedClients(IHubContext<IocHub, IIocClient> hub, ILogger<FeedClients> logger)
{
    private readonly ConcurrentDictionary<string, FeedClient> _all = new(StringComparer.Ordinal);
    private readonly WallHistory _history = new();

    public int Count => _all.Count;

    public WallUpdate? Current => _history.Current;

    /// <summary>A connection that may see the wall; its first full frame is on its way.</summary>
    public FeedClient Add(string connectionId, string? ward)
    {
        var client = new FeedClient(connectionId, ward, hub.Clients.Client(connectionId), _history);
        _all[connectionId] = client;
        _ = Task.Run(() => client.Run(e => logger.LogWarning(e, "Sending the wall to connection {Connection} failed", connectionId)));
        return client;
    }

    public FeedClient? Find(string connectionId) => _all.GetValueOrDefault(connectionId);

    public void Remove(string connectionId)
    {
        if (_all.TryRemove(connectionId, out var client)) client.Close();
    }

    public void Publish(WallUpdate update)
    {
        _history.Add(update);
        foreach (var client in _all.Values) client.Offer();
    }
}
