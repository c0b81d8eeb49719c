using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>Small edits of an event, addressed by path ("ts", "pose.floor").</summary>
public static class JsonEdit
{
    public static JsonObject With(JsonObject e, string path, JsonNode? value)
    {
        var copy = e.DeepClone().AsObject();
        var (parent, name) = Locate(copy, path);
        parent[name] = value;
        return copy;
    }

    public static JsonObject Without(JsonObject e, string path)
    {
        var copy = e.DeepClone().AsObject();
        var (parent, name) = Locate(copy, path);
        parent.Remove(name);
        return copy;
    }

    public static string? Text(JsonObject e, string path)
    {
        var (parent, name) = Locate(e, path);
        return parent[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    /// <summary>The event's JSON with <paramref name="path"/>'s member written a second time (a repeated key).</summary>
    public static string Repeated(JsonObject e, string path, string valueJson)
    {
        var dot = path.IndexOf('.');
        if (dot < 0) return e.ToJsonString()[..^1] + $",\"{path}\":{valueJson}}}";
        var outer = path[..dot];
        var inner = e[outer]!.AsObject().ToJsonString()[..^1] + $",\"{path[(dot + 1)..]}\":{valueJson}}}";
        var rest = e.DeepClone().AsObject();
        rest.Remove(outer);
        return rest.ToJsonString()[..^1] + $",\"{outer}\":{inner}}}";
    }

    public static string Batch(params string[] eventsJson) => $"{{\"events\":[{string.Join(",", eventsJson)}]}}";

    private static (JsonObject Parent, string Name) Locate(JsonObject e, string path)
    {
        var dot = path.IndexOf('.');
        return dot < 0 ? (e, path) : (e[path[..dot]]!.AsObject(), path[(dot + 1)..]);
    }
}
