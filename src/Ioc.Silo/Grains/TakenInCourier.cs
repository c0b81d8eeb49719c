using Ioc.Grains;
using Ioc.Silo.Wards;

namespace Ioc.Silo.Grains;

/// <summary>
/// Carries a ward's words to the wards whose service points took in its dossiers. A word stays in
/// the ward's stored outbox until its ward has stored it, so a lost call or a restart sends it
/// again; the receiver keeps one count per dossier by version, so it counts exactly once. Runs on
/// the ward grain's turns (the sends' continuations come back to the grain).
/// </summary>
public sealed class TakenInCourier(Dictionary<string, TakenInNotice> outbox, Func<string, IWardGrain> ward, Action changed)
{
    private readonly HashSet<string> _sending = new(StringComparer.Ordinal);

    /// <summary>Words of a batch: stored with the batch, sent after its write.</summary>
    public void Owe(IEnumerable<TakenInNotice> notices)
    {
        foreach (var n in notices) outbox[n.Key] = n;
    }

    /// <summary>Sends every word still owed that is not on its way already.</summary>
    public void Deliver()
    {
        foreach (var (key, notice) in outbox)
            if (_sending.Add(key)) _ = Send(key, notice);
    }

    private async Task Send(string key, TakenInNotice notice)
    {
        try
        {
            await ward(notice.Receiver).TakeIn(notice.Notice);
            // Settled is only the word that was sent; a newer one for the same dossier stays owed.
            if (outbox.TryGetValue(key, out var current) && current == notice)
            {
                outbox.Remove(key);
                changed();
            }
        }
        catch (Exception)
        {
            // Owed still: the ward's next wake (a tick away at most) sends it again.
        }
        finally
        {
            _sending.Remove(key);
        }
    }
}
