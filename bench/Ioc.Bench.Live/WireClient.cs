using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace Ioc.Bench.Live;

/// <summary>What one wire client received of one kind of message.</summary>
public sealed class WireCount
{
    public readonly List<int> Sizes = [];
    public long Bytes;
}

/// <summary>
/// A SignalR client written against the wire itself (WebSocket, no negotiation), so it counts the
/// bytes of every hub message exactly as they arrive: the whole message (envelope, target and
/// arguments; for MessagePack with its length prefix), without the WebSocket frame headers. It
/// speaks the JSON or the MessagePack protocol and either stays a plain client (full <c>wall</c>
/// frames) or calls <c>UseDeltas()</c>. It pings every 10 s so the server keeps it.
/// </summary>
public sealed class WireClient(Uri url, string token, bool messagePack, bool deltas) : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WireCount> _counts = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _reader, _pinger;
    private bool _counting, _handshaken;

    public string Name => $"{(messagePack ? "MessagePack" : "JSON")}, {(deltas ? "UseDeltas" : "full frames")}";
    public bool MessagePack => messagePack;
    public bool Deltas => deltas;
    public long SeqGaps;
    private long _lastSeq;

    public async Task Start()
    {
        var ws = new UriBuilder(new Uri(url, "/hubs/ioc")) { Scheme = url.Scheme == "https" ? "wss" : "ws", Query = "access_token=" + Uri.EscapeDataString(token) };
        await _socket.ConnectAsync(ws.Uri, _stop.Token);
        var handshake = Encoding.UTF8.GetBytes($"{{\"protocol\":\"{(messagePack ? "messagepack" : "json")}\",\"version\":1}}\u001e");
        await _socket.SendAsync(handshake, WebSocketMessageType.Text, true, _stop.Token);
        _reader = Task.Run(Read);
        await _handshake.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (deltas) await Invoke("UseDeltas");
        _pinger = Task.Run(Ping);
    }

    /// <summary>From now on, count what arrives (the counts so far are dropped).</summary>
    public void Count()
    {
        lock (_gate)
        {
            _counts.Clear();
            _counting = true;
        }
    }

    /// <summary>The counts since <see cref="Count"/>, by target (and "ping" for the server's keep-alives).</summary>
    public Dictionary<string, WireCount> Take()
    {
        lock (_gate)
        {
            _counting = false;
            return new Dictionary<string, WireCount>(_counts, StringComparer.Ordinal);
        }
    }

    private async Task Invoke(string target)
    {
        byte[] bytes;
        if (messagePack)
        {
            var body = new ArrayBufferWriter<byte>();
            var w = new MessagePackWriter(body);
            w.WriteArrayHeader(5);
            w.Write(1);          // invocation
            w.WriteMapHeader(0); // headers
            w.WriteNil();        // no invocation id: no completion comes back
            w.Write(target);
            w.WriteArrayHeader(0);
            w.Flush();
            bytes = [.. VarInt(body.WrittenCount), .. body.WrittenSpan];
        }
        else bytes = Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"{target}\",\"arguments\":[]}}\u001e");
        await _socket.SendAsync(bytes, messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, _stop.Token);
    }

    private async Task Ping()
    {
        var ping = messagePack ? new byte[] { 2, 0x91, 6 } : "{\"type\":6}\u001e"u8.ToArray();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await _socket.SendAsync(ping, messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

    private async Task Read()
    {
        var pending = new ArrayBufferWriter<byte>(1 << 20);
        var chunk = new byte[1 << 16];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _socket.ReceiveAsync(chunk, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) return;
                pending.Write(chunk.AsSpan(0, r.Count));
                var consumed = 0;
                if (!_handshaken)
                {
                    // The answer to the handshake is one JSON record in both protocols: "{}" (or an error) and the separator.
                    var end = pending.WrittenSpan.IndexOf(RecordSeparator);
                    if (end < 0) continue;
                    var answer = Encoding.UTF8.GetString(pending.WrittenSpan[..end]);
                    if (answer != "{}") { _handshake.TrySetException(new InvalidOperationException("SignalR handshake failed: " + answer)); return; }
                    _handshaken = true;
                    _handshake.TrySetResult();
                    consumed = end + 1;
                }
                // Hub messages may span WebSocket messages or share one: split by the protocol's own framing.
                var rest = pending.WrittenSpan[consumed..];
                consumed += messagePack ? SplitMessagePack(rest) : SplitJson(rest);
                if (consumed > 0)
                {
                    var left = pending.WrittenSpan[consumed..].ToArray();
                    pending.Clear();
                    pending.Write(left);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            _handshake.TrySetException(e);
        }
    }

    private int SplitJson(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (data[consumed..].IndexOf(RecordSeparator) is var end and >= 0)
        {
            var record = data.Slice(consumed, end);
            Seen(record.Length + 1, JsonTarget(record));
            consumed += end + 1;
        }
        return consumed;
    }

    private int SplitMessagePack(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (TryVarInt(data[consumed..], out var length, out var prefix) && data.Length - consumed - prefix >= length)
        {
            var message = data.Slice(consumed + prefix, length);
            Seen(prefix + length, MessagePackTarget(message));
            consumed += prefix + length;
        }
        return consumed;
    }

    private void Seen(int bytes, (string Target, long? Seq) what)
    {
        if (what.Seq is { } seq)
        {
            if (_lastSeq != 0 && seq != _lastSeq + 1) Interlocked.Increment(ref SeqGaps);
            _lastSeq = seq;
        }
        lock (_gate)
        {
            if (!_counting) return;
            if (!_counts.TryGetValue(what.Target, out var c)) _counts[what.Target] = c = new WireCount();
            c.Sizes.Add(bytes);
            c.Bytes += bytes;
        }
    }

    private static (string, long?) JsonTarget(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        string? target = null;
        long? seq = null;
        var type = 0;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "type") type = reader.GetInt32();
            else if (name == "target") target = reader.GetString();
            else if (name == "arguments" && reader.TokenType == JsonTokenType.StartArray)
            {
                // The first argument's first member is seq for wall and wallDelta frames.
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.GetString() == "seq" && reader.Read())
                    seq = reader.GetInt64();
                break;
            }
            else reader.Skip();
        }
        return (target ?? (type == 6 ? "ping" : $"type {type}"), target is "wall" or "wallDelta" ? seq : null);
    }

    private static (string, long?) MessagePackTarget(ReadOnlySpan<byte> message)
    {
        var reader = new MessagePackReader(new ReadOnlySequence<byte>(message.ToArray()));
        reader.ReadArrayHeader();
        var type = reader.ReadInt32();
        if (type != 1) return (type == 6 ? "ping" : $"type {type}", null);
        reader.Skip(); // headers
        reader.Skip(); // invocation id
        var target = reader.ReadString() ?? "";
        long? seq = null;
        if (target is "wall" or "wallDelta" && reader.ReadArrayHeader() > 0 && reader.ReadMapHeader() > 0 && reader.ReadString() == "seq")
            seq = reader.ReadInt64();
        return (target, seq);
    }

    private static byte[] VarInt(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            if (value > 0) b |= 0x80;
            bytes.Add(b);
        } while (value > 0);
        return [.. bytes];
    }

    private static bool TryVarInt(ReadOnlySpan<byte> data, out int value, out int length)
    {
        value = 0;
        length = 0;
        for (var shift = 0; length < data.Length && length < 5; shift += 7)
        {
            var b = data[length++];
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); }
        catch (WebSocketException) { }
        if (_reader is not null) await Task.WhenAny(_reader, Task.Delay(2000));
        if (_pinger is not null) await Task.WhenAny(_pinger, Task.Delay(2000));
        _socket.Dispose();
        _stop.Dispose();
    }
}
