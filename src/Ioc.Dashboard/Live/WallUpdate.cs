using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Dashboard.Live;

/// <summary>
/// One city feed frame as this Dashboard process applied it: the whole picture after it, the
/// wards that changed, and its bodies for the connections (each serialized once, when first
/// needed, for every connection that gets it). <see cref="Number"/> counts the frames this
/// process applied; <see cref="Reset"/> means the picture was read whole (at start, or after a
/// missed frame or a restarted feed) and screens should draw everything again.
/// </summary>
public sealed class WallUpdate
{
    private readonly Lazy<FeedPayload> _cityFull;
    private readonly Lazy<FeedPayload> _cityDelta;
    private readonly ConcurrentDictionary<string, Lazy<FeedPayload>> _wardOnly = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Lazy<FeedPayload>> _since = new();
    private readonly ImmutableHashSet<string> _changedCodes;

    private WallUpdate(long number, WallFrame frame, ImmutableDictionary<string, WardSummary> byCode, ImmutableArray<WardSummary> changed, bool reset)
    {
        Number = number;
        Frame = frame;
        ByCode = byCode;
        Changed = changed;
        Reset = reset;
        _changedCodes = changed.Select(w => w.Code).ToImmutableHashSet(StringComparer.Ordinal);
        _cityFull = new(() => FeedPayload.Of(new WallMessage(frame.At, frame.Wards, frame.Totals, frame.AlertsOpen)));
        _cityDelta = new(() => FeedPayload.Of(new WallMessage(frame.At, changed, frame.Totals, frame.AlertsOpen)));
    }

    public long Number { get; }
    public WallFrame Frame { get; }
    public ImmutableDictionary<string, WardSummary> ByCode { get; }
    public ImmutableArray<WardSummary> Changed { get; }
    public bool Reset { get; }

    public static WallUpdate Whole(long number, WallFrame frame) =>
        new(number, frame, frame.Wards.ToImmutableDictionary(w => w.Code, StringComparer.Ordinal), frame.Wards, reset: true);

    /// <summary>The picture after <paramref name="delta"/>: the changed lines replaced, the city strip taken as sent.</summary>
    public WallUpdate Apply(WallDelta delta)
    {
        var byCode = ByCode.SetItems(delta.Changed.Select(w => KeyValuePair.Create(w.Code, w)));
        var wards = Frame.Wards.Select(w => byCode.TryGetValue(w.Code, out var now) ? now : w).ToImmutableArray();
        var frame = new WallFrame(delta.At, wards, delta.Totals, delta.AlertsOpen, delta.Number, delta.Epoch);
        return new WallUpdate(Number + 1, frame, byCode, delta.Changed, reset: false);
    }

    public bool Touches(string ward) => Reset || _changedCodes.Contains(ward);

    /// <summary>A <c>wall</c> body: every ward (city-wide) or the chief's own.</summary>
    public FeedPayload Full(string? ward) => ward is null ? _cityFull.Value : WardOnly(ward);

    /// <summary>A <c>wallDelta</c> body: the changed wards (city-wide) or the chief's own (sent only when it changed).</summary>
    public FeedPayload Delta(string? ward) => ward is null ? _cityDelta.Value : WardOnly(ward);

    /// <summary>
    /// One <c>wallDelta</c> body for a connection that missed <paramref name="chain"/> (consecutive
    /// updates ending with this one): every ward changed in any of them, as it is now. Connections
    /// that fell behind at the same update share it.
    /// </summary>
    public FeedPayload DeltaSince(IReadOnlyList<WallUpdate> chain, string? ward)
    {
        if (ward is not null) return WardOnly(ward);
        return _since.GetOrAdd(chain[0].Number, _ => new(() =>
        {
            var codes = chain.SelectMany(u => u.Changed).Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
            var lines = Frame.Wards.Where(w => codes.Contains(w.Code)).ToImmutableArray();
            return FeedPayload.Of(new WallMessage(Frame.At, lines, Frame.Totals, Frame.AlertsOpen));
        })).Value;
    }

    // A chief's frame holds their ward and its own strip; full and delta are the same then.
    private FeedPayload WardOnly(string ward) => _wardOnly.GetOrAdd(ward, code => new(() =>
    {
        var own = ByCode.TryGetValue(code, out var w) ? ImmutableArray.Create(w) : [];
        return FeedPayload.Of(new WallMessage(Frame.At, own, CityTotals.From(own), own.Sum(x => x.AlertsOpen)));
    })).Value;
}
