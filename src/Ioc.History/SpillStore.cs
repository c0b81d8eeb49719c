using System.Globalization;
using System.Text;

namespace Ioc.History;

/// <summary>
/// Spill files of the writer: numbered segments of line protocol (<c>{id}.lp</c>, at most one batch each),
/// replayed oldest first. Appends go to an open "active" segment; segments that are read are closed and
/// never change again, so a segment can be sent as one batch and deleted once InfluxDB has acknowledged it.
/// Lower ids are older; <see cref="Prepend"/> uses ids below the oldest so points that were in memory
/// (older than everything spilled) still replay first.
/// </summary>
/// <remarks>Not thread-safe: the writer calls it under its lock, except <see cref="ReadLines"/> on a closed segment.</remarks>
internal sealed class SpillStore : IDisposable
{
    private const string Extension = ".lp";
    private const string TempExtension = ".tmp";

    // Fresh stores start in the middle of the id range so there is room to prepend below.
    private const long FirstId = 1_000_000_000_000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly int _segmentLines;
    private readonly LinkedList<SpillSegment> _closed = new();
    private StreamWriter? _active;
    private long _activeId;
    private string _activePath = "";
    private int _activeLines;
    private long _nextId;
    private long _lowestId;

    public SpillStore(string directory, int segmentLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentLines, 1);
        DirectoryPath = Path.GetFullPath(directory);
        _segmentLines = segmentLines;
        Directory.CreateDirectory(DirectoryPath);

        // A prepend interrupted by a crash leaves a .tmp file; its points existed nowhere else, so the
        // complete lines in it are kept (the torn last line, if any, is skipped when read).
        foreach (var temp in Directory.EnumerateFiles(DirectoryPath, "*" + Extension + TempExtension))
        {
            var final = temp[..^TempExtension.Length];
            if (!File.Exists(final))
            {
                File.Move(temp, final);
            }
        }

        var existing = Directory.EnumerateFiles(DirectoryPath, "*" + Extension)
            .Select(path => (Ok: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id), Id: id, Path: path))
            .Where(f => f.Ok)
            .OrderBy(f => f.Id)
            .ToList();
        foreach (var (_, id, path) in existing)
        {
            var lines = ReadLines(path).Count;
            if (lines == 0)
            {
                File.Delete(path);
                continue;
            }

            _closed.AddLast(new SpillSegment(id, path, lines));
            Count += lines;
        }

        _lowestId = existing.Count > 0 ? existing[0].Id : FirstId;
        _nextId = existing.Count > 0 ? existing[^1].Id + 1 : FirstId;
    }

    public string DirectoryPath { get; }

    /// <summary>Points in the spill (closed segments plus the active one).</summary>
    public long Count { get; private set; }

    public int SegmentCount => _closed.Count + (_active is null ? 0 : 1);

    /// <summary>Appends one line (without newline) behind everything spilled so far.</summary>
    public void Append(string line)
    {
        if (_active is null)
        {
            _activeId = _nextId++;
            _activePath = SegmentPath(_activeId);
            var stream = new FileStream(_activePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            _active = new StreamWriter(stream, Utf8, 64 * 1024);
        }

        _active.Write(line);
        _active.Write('\n');
        _activeLines++;
        Count++;
        if (_activeLines >= _segmentLines)
        {
            CloseActive();
        }
    }

    /// <summary>Puts lines in front of everything spilled so far (they are older), in segments of one batch.</summary>
    public void Prepend(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var chunks = (lines.Count + _segmentLines - 1) / _segmentLines;
        var firstId = _lowestId - chunks;
        var written = new List<SpillSegment>(chunks);
        var temp = "";
        try
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var start = chunk * _segmentLines;
                var count = Math.Min(_segmentLines, lines.Count - start);
                var path = SegmentPath(firstId + chunk);
                temp = path + TempExtension;
                using (var writer = new StreamWriter(temp, append: false, Utf8, 64 * 1024))
                {
                    for (var i = start; i < start + count; i++)
                    {
                        writer.Write(lines[i]);
                        writer.Write('\n');
                    }
                }

                // Renamed only when complete, so a crash never leaves half a prepended segment in the queue.
                File.Move(temp, path);
                written.Add(new SpillSegment(firstId + chunk, path, count));
            }
        }
        catch
        {
            TryDelete(temp);
            foreach (var segment in written)
            {
                TryDelete(segment.Path);
            }

            throw;
        }

        for (var i = written.Count - 1; i >= 0; i--)
        {
            _closed.AddFirst(written[i]);
        }

        _lowestId = firstId;
        Count += lines.Count;
    }

    /// <summary>The oldest segment, closing the active one when nothing else is left; null when empty.</summary>
    public SpillSegment? PeekOldest()
    {
        if (_closed.First is null && _activeLines > 0)
        {
            CloseActive();
        }

        return _closed.First?.Value;
    }

    /// <summary>Forgets the oldest segment after it was delivered; false when its file could not be deleted.</summary>
    public bool Remove(SpillSegment segment)
    {
        if (_closed.First?.Value != segment)
        {
            throw new InvalidOperationException($"Spill segment {segment.Id} is not the oldest one.");
        }

        _closed.RemoveFirst();
        Count -= segment.Lines;
        return TryDelete(segment.Path);
    }

    /// <summary>Pushes buffered appends to the file system.</summary>
    public void Flush() => _active?.Flush();

    /// <summary>The complete lines of a segment file; a torn last line (crash while appending) is ignored.</summary>
    public static List<string> ReadLines(string path)
    {
        var text = File.ReadAllText(path, Utf8);
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                break;
            }

            if (end > start)
            {
                lines.Add(text[start..end]);
            }

            start = end + 1;
        }

        return lines;
    }

    public void Dispose()
    {
        if (_active is not null)
        {
            CloseActive();
        }
    }

    private void CloseActive()
    {
        _active!.Dispose();
        _active = null;
        _closed.AddLast(new SpillSegment(_activeId, _activePath, _activeLines));
        _activeLines = 0;
    }

    private string SegmentPath(long id) =>
        Path.Combine(DirectoryPath, id.ToString("D19", CultureInfo.InvariantCulture) + Extension);

    private static bool TryDelete(string path)
    {
        if (path.Length == 0)
        {
            return true;
        }

        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
