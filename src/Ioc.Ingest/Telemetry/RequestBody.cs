using System.Buffers;
using System.IO.Compression;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Http;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// A request body read into a pooled buffer, at most <c>max</c> bytes after decompression. Every
/// way a body can go wrong (too big, not gzip, too slow, cut short, the client gone) ends in
/// <see cref="Problem"/>, never an exception.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    public int Length { get; private set; }

    public IResult? Problem { get; private set; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public static async Task<RequestBody> Read(HttpRequest request, bool gzip, int max, TimeSpan timeout, CancellationToken aborted)
    {
        var body = new RequestBody();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout);
        Stream stream = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        try
        {
            await body.Fill(stream, max, (int)Math.Min(max + 1L, Math.Max(4096, request.ContentLength ?? 64 * 1024) + 1), deadline.Token);
            if (body.Length > max)
                body.Problem = TooLarge(max);
        }
        catch (InvalidDataException)
        {
            body.Problem = Problems.Field("body", "is not valid gzip");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdicts on the body: slower than its minimum rate, shorter than its
            // Content-Length, larger than the server takes, or badly chunked.
            body.Problem = e.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => TooSlow("arrived too slowly"),
                StatusCodes.Status413PayloadTooLarge => TooLarge(max),
                _ when e.Message.Contains("end of request content", StringComparison.OrdinalIgnoreCase) => TooSlow("ended before its Content-Length"),
                _ => Problems.Field("body", "could not be read: it is not framed as HTTP requires"),
            };
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            body.Problem = TooSlow($"did not arrive within {timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The device hung up: nobody is left to answer.
            body.Problem = Results.Empty;
        }
        finally
        {
            if (gzip) await stream.DisposeAsync();
        }
        return body;
    }

    public static IResult TooLarge(int max) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"At most {max} bytes after decompression.");

    private static IResult TooSlow(string why) =>
        Problems.Of(StatusCodes.Status408RequestTimeout, "Request body incomplete", $"The body {why}; send the batch again.",
            [new FieldError(-1, "body", why)]);

    /// <summary>Reads at most max+1 bytes, so an oversized body is detected without reading it all.</summary>
    private async Task Fill(Stream stream, int max, int initial, CancellationToken ct)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initial);
        while (Length <= max)
        {
            if (Length == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, _buffer.Length * 2));
                _buffer.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            var n = await stream.ReadAsync(_buffer.AsMemory(Length, Math.Min(_buffer.Length, max + 1) - Length), ct);
            if (n == 0) break;
            Length += n;
        }
    }

    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
