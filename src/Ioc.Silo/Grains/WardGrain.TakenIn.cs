using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>Dossiers this ward's service point took in for other wards, as their responsible wards tell it.</summary>
public sealed partial class WardGrain
{
    public async Task TakeIn(DossierTakenIn notice)
    {
        EvaluateTime();
        var deltas = S.TakenIn.Apply(notice);
        if (deltas.Count > 0)
        {
            AmendIndex(deltas.Select(d => d.Day).Where(d => d < Ledger.Today).Distinct());
            _live.Changed();
            await Commit();
            Publish();
        }
        // A repeat is answered once the word it repeats is stored (its write may be under way).
        else if (_commit.Writing || _stateNow) await _commit.Commit();
    }
}
