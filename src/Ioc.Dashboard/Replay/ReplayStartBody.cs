using System.Text.Json;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// <c>POST /api/v1/replays</c>: <c>{"day": "2026-11-24", "speed": 60, "from": "08:00"}</c>. The speed is read
/// as given (a number, or a number in a string) so a wrong one is named in the answer, not lost in binding.
/// </summary>
public sealed record ReplayStartBody(string? Day, JsonElement Speed, string? From)
{
    /// <summary>The speed as the query form writes it; null when not given (the default speed).</summary>
    public string? SpeedText => Speed.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => Speed.GetString(),
        _ => Speed.GetRawText(),
    };
}
