using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Http;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// A request body read into a pooled buffer, at most <c>max</c> bytes (before and after
/// decompression). Every way a body can go wrong (too big, not gzip, too slow, cut short, the
/// client gone) ends in <see cref="Problem"/>, never an exception.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer = [];
    private bool _rented;

    public int Length { get; private set; }

    public IResult? Problem { get; private set; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static async Task<RequestBody> Read(HttpRequest request, bool gzip, int max, TimeSpan timeout, CancellationToken aborted)
    {
        var body = new RequestBody();
        var reader = request.BodyReader;
        // A deadline cancels the pending read (not the read's token): the reader stays consistent
        // and Kestrel can still drain or close the connection after the 408.
        using var deadline = new CancellationTokenSource(timeout);
        using var stop = deadline.Token.Register(reader.CancelPendingRead);
        try
        {
            await body.Fill(reader, max, (int)Math.Min(max + 1L, Math.Max(4096, request.ContentLength ?? 64 * 1024) + 1), timeout, aborted);
            stop.Dispose();
            if (body.Problem is null && body.Length > max) body.Problem = TooLarge(max);
            if (body.Problem is null && gzip) body.Decompress(max);
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
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The device hung up: nobody is left to answer.
            body.Problem = Results.Empty;
        }
        return body;
    }

    public static IResult TooLarge(int max) => Problems.Result(TelemetryIntake.TooLarge(max).Problem!, null);

    private static IResult TooSlow(string why) =>
        Problems.Of(StatusCodes.Status408RequestTimeout, "Request body incomplete", $"The body {why}; send the batch again.",
            [new FieldError(-1, "body", why)]);

    /// <summary>Reads at most max+1 bytes, so an oversized body is detected without reading it all.</summary>
    private async Task Fill(PipeReader reader, int max, int initial, TimeSpan timeout, CancellationToken aborted)
    {
        Rent(initial);
        while (true)
        {
            var result = await reader.ReadAsync(aborted);
            if (result.IsCanceled)
            {
                reader.AdvanceTo(result.Buffer.Start);
                Problem = TooSlow($"did not arrive within {timeout.TotalSeconds:0} s");
                return;
            }
            foreach (var segment in result.Buffer)
            {
                var take = Math.Min(segment.Length, max + 1 - Length);
                if (Length + take > _buffer.Length) Grow(Math.Min(max + 1, Math.Max(_buffer.Length * 2, Length + take)));
                segment.Span[..take].CopyTo(_buffer.AsSpan(Length));
                Length += take;
                if (Length > max) break;
            }
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || Length > max) return;
        }
    }

    /// <summary>gzip, from the bytes already read: no network read can stall in the middle of it.</summary>
    private void Decompress(int max)
    {
        var compressed = _buffer;
        var compressedLength = Length;
        var wasRented = _rented;
        (_buffer, _rented, Length) = ([], false, 0);
        try
        {
            Rent(Math.Min(max + 1, Math.Max(4096, compressedLength * 4)));
            using var gz = new GZipStream(new MemoryStream(compressed, 0, compressedLength), CompressionMode.Decompress);
            while (Length <= max)
            {
                if (Length == _buffer.Length) Grow(Math.Min(max + 1, _buffer.Length * 2));
                var n = gz.Read(_buffer, Length, Math.Min(_buffer.Length, max + 1) - Length);
                if (n == 0) break;
                Length += n;
            }
            if (Length > max) Problem = TooLarge(max);
        }
        catch (InvalidDataException)
        {
            Problem = Problems.Field("body", "is not valid gzip");
        }
        finally
        {
            if (wasRented) ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    private void Rent(int size)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(size);
        _rented = true;
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        if (_rented) ArrayPool<byte>.Shared.Return(_buffer);
        (_buffer, _rented) = (bigger, true);
    }

    public void Dispose()
    {
        if (_rented) ArrayPool<byte>.Shared.Return(_buffer);
        (_buffer, _rented, Length) = ([], false, 0);
    }
}
