using System.Net;
using System.Text;

namespace Ioc.History.Tests.Infrastructure;

/// <summary>
/// In-process stand-in for InfluxDB's HTTP API: records each /write request and the lines it accepted,
/// and can be switched "down" (connection refused), made to answer with an error status, or held.
/// </summary>
internal sealed class FakeInfluxHandler : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<WriteRequest> _requests = [];
    private readonly List<string> _accepted = [];

    /// <summary>While true every request fails like a refused connection.</summary>
    public volatile bool Down;

    /// <summary>Chooses the answer of a write from its request number (0-based) and lines; null = 204.</summary>
    public Func<int, IReadOnlyList<string>, (HttpStatusCode Status, string? Error)?>? Respond { get; set; }

    /// <summary>When set, writes wait for it before answering (a slow server).</summary>
    public SemaphoreSlim? Hold { get; set; }

    public IReadOnlyList<WriteRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Lines of all writes answered with 2xx, in the order they arrived.</summary>
    public IReadOnlyList<string> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    public HttpClient CreateClient() => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException("Connection refused (fake InfluxDB is down)");
        }

        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/ping", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        if (!path.EndsWith("/write", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"results":[{"statement_id":0}]}""") };
        }

        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
            hold.Release();
        }

        int number;
        lock (_gate)
        {
            number = _requests.Count;
            _requests.Add(new WriteRequest(
                request.RequestUri,
                request.Headers.Authorization?.ToString(),
                request.Content.Headers.ContentType?.ToString(),
                lines));
        }

        var (status, error) = Respond?.Invoke(number, lines) ?? (HttpStatusCode.NoContent, null);
        if ((int)status is >= 200 and < 300)
        {
            lock (_gate)
            {
                _accepted.AddRange(lines);
            }
        }

        return new HttpResponseMessage(status)
        {
            Content = error is null ? null : new StringContent($"{{\"error\":\"{error}\"}}", Encoding.UTF8, "application/json"),
        };
    }

    internal sealed record WriteRequest(Uri Uri, string? Authorization, string? ContentType, IReadOnlyList<string> Lines);
}
