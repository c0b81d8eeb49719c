using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>
/// A one-stop desk (key: "{ward}/{counter label}"): its device state and liveness. The ticket
/// figures of a desk (current ticket, served today) are business events and live in the ward,
/// stored with them; the ward merges both into its detail.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<ApplyResult> ApplyStates(ImmutableArray<CounterStateReport> states);

    Task<CounterView> GetView();

    static string KeyOf(string ward, string counter) => $"{ward}/{counter}";
}
