using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>What the hub sends its clients (api-v1 "Live feed" and "Live feed: deltas").</summary>
public interface IIocClient
{
    /// <summary>Every ward the connection may see, with the connection's next <c>seq</c>.</summary>
    [HubMethodName("wall")]
    Task Wall(SequencedFrame frame);

    /// <summary>After <c>UseDeltas()</c>: only the wards that changed, with the next <c>seq</c>.</summary>
    [HubMethodName("wallDelta")]
    Task WallDelta(SequencedFrame frame);

    /// <summary>A watched ward's detail, when it changed.</summary>
    [HubMethodName("ward")]
    Task Ward(FeedPayload detail);

    [HubMethodName("alert")]
    Task Alert(FeedPayload alert);
}
