using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Tests.Live;

/// <summary>
/// A hub client as a wall or a city system would write one, over SignalR's JSON or MessagePack
/// protocol: every frame it receives (wall, wallDelta, ward, alert) in arrival order, each read
/// into the same neutral JSON tree whatever the protocol, so tests compare what the frames say.
/// </summary>
public sealed class FeedListener : IAsyncDisposable
{
    public sealed record Frame(int Index, string Kind, JsonObject Body)
    {
        public long Seq => Body["seq"]!.GetValue<long>();
        public JsonArray Wards => Body["wards"]!.AsArray();
        public IEnumerable<string> Codes => Wards.Select(w => w!["code"]!.GetValue<string>());
        public JsonObject? Ward(string code) => Wards.Select(w => w!.AsObject()).FirstOrDefault(w => w["code"]!.GetValue<string>() == code);
        public bool IsWallFrame => Kind is "wall" or "wallDelta";
    }

    private static readonly string[] Kinds = ["wall", "wallDelta", "ward", "alert"];
    private readonly List<Frame> _frames = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public FeedListener(CenterHost host, string token, bool messagePack)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseUrl, "/hubs/ioc"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (messagePack) builder.AddMessagePackProtocol();
        Connection = builder.Build();
        foreach (var kind in Kinds)
        {
            // Through text, so numbers read like JSON's whatever MessagePack's integer width.
            if (messagePack) Connection.On<object>(kind, o => Add(kind, JsonNode.Parse(ToNode(o)!.ToJsonString())!.AsObject()));
            else Connection.On<JsonElement>(kind, e => Add(kind, JsonNode.Parse(e.GetRawText())!.AsObject()));
        }
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<Frame> Frames
    {
        get { lock (_frames) return [.. _frames]; }
    }

    public int Count
    {
        get { lock (_frames) return _frames.Count; }
    }

    public Task Start() => Connection.StartAsync();

    public Task UseDeltas() => Connection.InvokeAsync("UseDeltas");

    public Task RequestFull() => Connection.InvokeAsync("RequestFull");

    public Task WatchWard(string code) => Connection.InvokeAsync("WatchWard", code);

    /// <summary>The first frame from index <paramref name="from"/> on that matches, waiting for it to arrive.</summary>
    public async Task<Frame> WaitFor(Func<Frame, bool> match, int from = 0, string what = "frame", int ms = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(ms);
        while (true)
        {
            lock (_frames)
                for (var i = from; i < _frames.Count; i++)
                    if (match(_frames[i])) return _frames[i];
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"no {what} within {ms} ms; got: {string.Join(", ", Frames.Skip(from).Select(f => f.Kind + (f.IsWallFrame ? "#" + f.Seq : "")))}");
        }
    }

    private void Add(string kind, JsonObject body)
    {
        lock (_frames) _frames.Add(new Frame(_frames.Count, kind, body));
        _arrived.Release();
    }

    /// <summary>MessagePack's primitive tree (maps, arrays, integers, floats, strings) as JSON nodes.</summary>
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        byte or sbyte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create((string)k, ToNode(map[k])))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        _ => throw new InvalidOperationException($"Unexpected MessagePack value {value.GetType()}"),
    };

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
