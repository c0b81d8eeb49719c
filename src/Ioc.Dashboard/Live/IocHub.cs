using Ioc.Dashboard.Api;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Operations;
using Ioc.Grains;
using Ioc.Wards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>
/// The live feed of api-v1 at <c>/hubs/ioc</c>: <c>wall</c> frames, <c>ward</c> frames for watched
/// wards and <c>alert</c> pushes. City-wide people share one group; each ward chief is in their
/// ward's group, so what the hub sends a chief is already cut to their ward.
/// </summary>
[Authorize(Policy = WardEndpoints.PeoplePolicy)]
public sealed class IocHub(LiveFeed feed, WardWatchers watchers, LiveMetrics metrics) : Hub
{
    public const string Path = "/hubs/ioc";
    public const string CityGroup = "city";
    public static string ChiefGroup(string ward) => $"chief:{ward}";
    public static string WatchGroup(string ward) => $"ward:{ward}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        if (user.IsCityWide()) await Groups.AddToGroupAsync(Context.ConnectionId, CityGroup);
        else if (user.ChiefWard() is { } ward) await Groups.AddToGroupAsync(Context.ConnectionId, ChiefGroup(ward));
        // A client that (re)connects gets the whole picture at once, not at the next change.
        if (await feed.CurrentFrame() is { } frame)
            await Clients.Caller.SendAsync("wall", user.IsCityWide() ? frame : frame.For(user.ChiefWard()!));
        // Counted once connected: a connection that failed here is not disconnected later.
        metrics.Connected(LiveMetrics.Hub);
        Context.Items[typeof(LiveMetrics)] = true;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Forget(Context.ConnectionId);
        if (Context.Items.ContainsKey(typeof(LiveMetrics))) metrics.Disconnected(LiveMetrics.Hub);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task WatchWard(string code, [FromServices] WardDirectory wards)
    {
        if (!wards.Contains(code)) throw new HubException($"No ward '{code}'.");
        if (!Context.User!.MaySeeWard(code)) throw new HubException($"Not allowed to watch ward {code}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, WatchGroup(code));
        watchers.Watch(Context.ConnectionId, code);
        await Clients.Caller.SendAsync("ward", await feed.Detail(code));
    }

    public async Task UnwatchWard(string code)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, WatchGroup(code));
        watchers.Unwatch(Context.ConnectionId, code);
    }
}
