namespace Ioc.Ingest.Http;

/// <summary>
/// The errors of one request: all of them counted, the first <see cref="Shown"/> kept. A batch of
/// 5,000 events with thousands of wrong fields each still gets an answer of a few kilobytes.
/// </summary>
public sealed class ErrorList
{
    public const int Shown = 100;
    private readonly List<FieldError> _first = [];

    public int Count { get; private set; }

    public IReadOnlyList<FieldError> First => _first;

    public void Add(FieldError error)
    {
        Count++;
        if (_first.Count < Shown) _first.Add(error);
    }

    public void Add(int index, string field, string message) => Add(new FieldError(index, field, message));
}
