using System.Text.Json.Nodes;

namespace Ioc.Tests.Live;

/// <summary>
/// What a delta client knows of the wall, kept the way api-v1 says a client keeps it: a full
/// <c>wall</c> frame replaces the picture, a <c>wallDelta</c> replaces the lines it holds; each
/// frame's <c>seq</c> must be one more than the last, or the client has a gap.
/// </summary>
public sealed class WallPicture
{
    private readonly Dictionary<string, JsonObject> _wards = new(StringComparer.Ordinal);

    public long Seq { get; private set; }
    public IReadOnlyDictionary<string, JsonObject> Wards => _wards;

    public int Waiting(string code) => _wards[code]["waiting"]!.GetValue<int>();

    /// <summary>False (and nothing taken) when the frame's seq does not follow the last one.</summary>
    public bool Take(FeedListener.Frame frame)
    {
        if (frame.Seq != Seq + 1 && frame.Kind == "wallDelta") return false;
        if (frame.Kind == "wall") _wards.Clear();
        foreach (var w in frame.Wards) _wards[w!["code"]!.GetValue<string>()] = w.AsObject();
        Seq = frame.Seq;
        return true;
    }
}
