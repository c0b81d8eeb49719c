using Ioc.Grains;

namespace Ioc.Silo.Alerts;

/// <summary>A ward's silences: which kinds hold back new alerts now, and when the next one ends.</summary>
public sealed class SilenceBook(string ward, AlertLedger ledger)
{
    private const int EndedKept = 50;

    public IEnumerable<Silence> All => ledger.Silences.Values;

    public bool Covers(string kind, DateTimeOffset now) => ledger.Silences.Values.Any(s => s.Covers(kind, now));

    public Silence Add(string kind, DateTimeOffset from, DateTimeOffset to, string reason, string by, DateTimeOffset now)
    {
        var silence = new Silence($"{ward}-s{++ledger.SilenceSequence}", ward, kind, from, to, reason, by, now);
        ledger.Silences[silence.Id] = silence;
        Prune(now);
        return silence;
    }

    /// <summary>Ends it now; one that already ended (early or at its time) is a conflict.</summary>
    public SilenceEndResult End(string id, string by, DateTimeOffset now)
    {
        if (!ledger.Silences.TryGetValue(id, out var s)) return new SilenceEndResult(ActionOutcome.NotFound, null);
        if (now >= s.Until) return new SilenceEndResult(ActionOutcome.Conflict, s);
        ledger.Silences[id] = s = s with { EndedBy = by, EndedAt = now };
        return new SilenceEndResult(ActionOutcome.Done, s);
    }

    /// <summary>The next instant a silence stops holding (when what it held must be raised).</summary>
    public DateTimeOffset? NextEnd(DateTimeOffset now) =>
        ledger.Silences.Values.Where(s => s.Until > now).Select(s => (DateTimeOffset?)s.Until).Min();

    private void Prune(DateTimeOffset now)
    {
        var ended = ledger.Silences.Values.Where(s => s.StateAt(now) == SilenceStates.Ended).OrderByDescending(s => s.Until).Skip(EndedKept).ToList();
        foreach (var s in ended) ledger.Silences.Remove(s.Id);
    }
}
