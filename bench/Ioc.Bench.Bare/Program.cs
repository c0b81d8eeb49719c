using System.Buffers;
using System.Text.Json;

// POST /api/v1/telemetry: read the body (at most 1 MiB, as the center), parse it as JSON, count
// the events and answer 202 {"accepted": n, "duplicates": 0}. No authentication, no checks, no
// grains, no storage: what Kestrel and System.Text.Json alone cost per event on this machine.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
const int MaxBody = 1 << 20;

app.MapPost("/api/v1/telemetry", async (HttpRequest request) =>
{
    var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(MaxBody + 1L, Math.Max(4096, request.ContentLength ?? 65536)));
    try
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxBody + 1, buffer.Length * 2));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }
            var n = await request.Body.ReadAsync(buffer.AsMemory(length));
            if (n == 0) break;
            length += n;
            if (length > MaxBody) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
        var events = doc.RootElement.GetProperty("events");
        var count = 0;
        // Touch every field once, as a parser that checks them must.
        foreach (var e in events.EnumerateArray())
        {
            foreach (var _ in e.EnumerateObject()) { }
            count++;
        }
        return Results.Json(new Accepted(count, 0), AcceptedContext.Default.Accepted, statusCode: StatusCodes.Status202Accepted);
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
});
app.MapGet("/healthz", () => Results.Ok());
app.Run();

internal sealed record Accepted(int accepted, int duplicates);

[System.Text.Json.Serialization.JsonSerializable(typeof(Accepted))]
internal sealed partial class AcceptedContext : System.Text.Json.Serialization.JsonSerializerContext;
