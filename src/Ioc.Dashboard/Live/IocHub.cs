using Ioc.Dashboard.Api;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Operations;
using Ioc.Wards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>
/// The live feed of api-v1 at <c>/hubs/ioc</c>: <c>wall</c> frames (or, after <c>UseDeltas()</c>,
/// one <c>wall</c> and then <c>wallDelta</c> frames), each with the connection's own <c>seq</c>;
/// <c>ward</c> frames for watched wards when they change; <c>alert</c> pushes. City-wide people
/// share one alert group; each ward chief is in their ward's group and their wall feed holds their
/// ward only.
/// </summary>
[Authorize(Policy = WardEndpoints.PeoplePolicy)]
public sealed class IocHub(FeedClients feeds, WardFeed wards, LiveMetrics metrics) : Hub<IIocClient>
{
    public const string Path = "/hubs/ioc";
    public const string CityGroup = "city";
    public static string ChiefGroup(string ward) => $"chief:{ward}";
    public static string WatchGroup(string ward) => $"ward:{ward}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        // A client that (re)connects gets the whole picture at once, not at the next change.
        if (user.IsCityWide())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, CityGroup);
            feeds.Add(Context.ConnectionId, null);
        }
        else if (user.ChiefWard() is { } ward)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, ChiefGroup(ward));
            feeds.Add(Context.ConnectionId, ward);
        }
        // Counted once connected: a connection that failed here is not disconnected later.
        metrics.Connected(LiveMetrics.Hub);
        Context.Items[typeof(LiveMetrics)] = true;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feeds.Remove(Context.ConnectionId);
        wards.Forget(Context.ConnectionId);
        if (Context.Items.ContainsKey(typeof(LiveMetrics))) metrics.Disconnected(LiveMetrics.Hub);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// From now on <c>wallDelta</c> frames with only the wards that changed. They go on from the
    /// connection's full <c>wall</c> frame (the one sent at connect, or one sent now if none was):
    /// when this returns, that frame is on the wire before the answer.
    /// </summary>
    public Task UseDeltas() => Feed().UseDeltas();

    /// <summary>The client saw a gap in <c>seq</c>: a full <c>wall</c> frame comes next (the sequence goes on).</summary>
    public void RequestFull() => Feed().RequestFull();

    private FeedClient Feed() => feeds.Find(Context.ConnectionId) ?? throw new HubException("This connection has no wall feed.");

    public async Task WatchWard(string code, [FromServices] WardDirectory region)
    {
        if (!region.Contains(code)) throw new HubException($"No ward '{code}'.");
        if (!Context.User!.MaySeeWard(code)) throw new HubException($"Not allowed to watch ward {code}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroup(code));
        await wards.Watch(Context.ConnectionId, code);
        await Clients.Caller.Ward(FeedPayload.Of(await wards.Detail(code)));
    }

    public async Task UnwatchWard(string code)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroup(code));
        wards.Unwatch(Context.ConnectionId, code);
    }
}
