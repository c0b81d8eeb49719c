using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ioc.Tests.Hostile;

/// <summary>
/// The corpus's hand-written part: <c>HandWritten/*.json</c>, each a list of requests as a person
/// wrote them down (the issue's own examples first). <c>{now}</c>, <c>{old}</c> and <c>{due}</c>
/// in a body are times; <c>{robot}</c>, <c>{kiosk}</c>, <c>{counter}</c>, <c>{dvc}</c> device ids;
/// <c>\xFF</c> (written <c>\\xFF</c> in the file) a raw byte.
/// </summary>
public static class HandWrittenCases
{
    private sealed record Entry(string Name, string? As, string? Method, string? Path, string? ContentType, string? ContentEncoding, string Body, int[] Expect);

    public static IEnumerable<HostileRequest> All(DateTimeOffset now)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Hostile", "HandWritten");
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var entries = JsonSerializer.Deserialize<Entry[]>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidDataException(file);
            var category = "hand:" + Path.GetFileNameWithoutExtension(file);
            foreach (var e in entries)
                yield return new HostileRequest(category, e.Name, e.Method ?? "POST", e.Path ?? "/api/v1/telemetry", e.As ?? "kiosk",
                    e.Body.Length == 0 ? null : Bytes(Fill(e.Body, now)), e.Expect, e.ContentType ?? "application/json", e.ContentEncoding);
        }
    }

    private static string Fill(string body, DateTimeOffset now)
    {
        var s = body.Replace("{now}", CenterHost.Rfc3339(now), StringComparison.Ordinal)
            .Replace("{old}", CenterHost.Rfc3339(now.AddHours(-49)), StringComparison.Ordinal)
            .Replace("{due}", CenterHost.Rfc3339(now.AddDays(3)), StringComparison.Ordinal)
            .Replace("{ward}", Templates.Ward, StringComparison.Ordinal);
        foreach (var (kind, id) in Templates.Devices) s = s.Replace("{" + kind + "}", id, StringComparison.Ordinal);
        return s;
    }

    /// <summary>UTF-8, except that "\xNN" stands for the raw byte NN.</summary>
    private static byte[] Bytes(string s)
    {
        var output = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length && s[i + 1] == 'x' && byte.TryParse(s.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                output.Add(b);
                i += 3;
            }
            else if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length) { output.AddRange(Encoding.UTF8.GetBytes(s.Substring(i, 2))); i++; }
            else output.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
        }
        return [.. output];
    }
}
