using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ioc.History;

/// <summary>
/// The InfluxDB v1 HTTP API: <c>GET /ping</c>, <c>POST /write</c> (line protocol, precision=ms) and
/// <c>GET|POST /query</c> (InfluxQL, JSON with epoch=ms). Thread-safe; share one instance.
/// </summary>
public sealed partial class InfluxConnection
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client registered by <c>AddIocInflux</c>.</summary>
    public const string HttpClientName = "Ioc.Influx";

    // Longer read-only queries go by POST so the URL stays well below proxy limits.
    private const int MaxGetQueryLength = 4000;

    private static readonly MediaTypeHeaderValue LineProtocolType = new("text/plain") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string? _token;
    private readonly TimeSpan _timeout;

    public InfluxConnection(HttpClient http, InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        // A trailing slash keeps a path prefix (reverse proxy) when relative URIs are resolved.
        var url = options.Url!;
        _baseUri = new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
        _token = string.IsNullOrWhiteSpace(options.Token) ? null : options.Token;
        _timeout = options.RequestTimeout;
        Database = options.Database;
    }

    public string Database { get; }

    public Uri BaseUri => _baseUri;

    /// <summary>True when <c>/ping</c> answers 204; false when the server cannot be reached.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = NewRequest(HttpMethod.Get, "ping");
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Writes lines of line protocol in one request; throws <see cref="InfluxException"/> when rejected.</summary>
    /// <param name="precision">Of the lines' timestamps: <c>ms</c> (what <see cref="Point"/> writes) or <c>ns</c>.</param>
    public async Task WriteAsync(IEnumerable<string> lines, string? retentionPolicy = null, CancellationToken cancellationToken = default, string precision = "ms")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        var result = await PostWriteAsync(body, retentionPolicy, cancellationToken, precision).ConfigureAwait(false);
        if (!result.Success)
        {
            throw new InfluxException($"Write rejected ({(int)result.Status} {result.Status}): {result.Error}", result.Status);
        }
    }

    /// <summary>
    /// Posts an encoded body to <c>/write</c>. Transport failures throw (<see cref="HttpRequestException"/>,
    /// <see cref="TimeoutException"/>); HTTP errors come back in the result so the writer can classify them.
    /// </summary>
    internal async Task<WriteResult> PostWriteAsync(ReadOnlyMemory<byte> body, string? retentionPolicy, CancellationToken cancellationToken, string precision = "ms")
    {
        var path = $"write?db={Uri.EscapeDataString(Database)}&precision={precision}";
        if (!string.IsNullOrEmpty(retentionPolicy))
        {
            path += "&rp=" + Uri.EscapeDataString(retentionPolicy);
        }

        using var request = NewRequest(HttpMethod.Post, path);
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = LineProtocolType;
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new WriteResult(response.StatusCode, null);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new WriteResult(response.StatusCode, ErrorText(text, response));
    }

    /// <summary>
    /// Runs InfluxQL against <see cref="Database"/> and returns the series of all statements.
    /// Read-only statements go by GET, the rest (CREATE, DROP, SELECT … INTO) by POST.
    /// </summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(influxQl);
        var parameters = $"db={Uri.EscapeDataString(Database)}&epoch=ms";
        using var request = IsReadOnly(influxQl) && influxQl.Length <= MaxGetQueryLength
            ? NewRequest(HttpMethod.Get, $"query?{parameters}&q={Uri.EscapeDataString(influxQl)}")
            : NewRequest(HttpMethod.Post, $"query?{parameters}");
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([KeyValuePair.Create("q", influxQl)]);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InfluxException(
                $"Query failed ({(int)response.StatusCode} {response.StatusCode}): {ErrorText(text, response)}",
                response.StatusCode);
        }

        return InfluxResultParser.Parse(text);
    }

    // A semicolon inside a literal splits wrongly, which at worst sends a read-only query by POST: still correct.
    internal static bool IsReadOnly(string influxQl)
    {
        foreach (var statement in influxQl.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var readOnly = (statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                    || statement.StartsWith("SHOW", StringComparison.OrdinalIgnoreCase))
                && !IntoClause().IsMatch(statement);
            if (!readOnly)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"\bINTO\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntoClause();

    private HttpRequestMessage NewRequest(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseUri, relative));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", _token);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"InfluxDB did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {_timeout}.", ex);
        }
    }

    // InfluxDB puts errors in {"error":"..."}; fall back to the raw body or the reason phrase.
    private static string ErrorText(string body, HttpResponseMessage response)
    {
        if (body.Length > 0 && body[0] == '{')
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all; use the text.
            }
        }

        return body.Length > 0 ? body.Trim() : response.ReasonPhrase ?? "no details";
    }
}
