using Ioc.Silo.Staffing;
using Ioc.Simulator;
using Ioc.Simulator.Network;
using Ioc.Time;

namespace Ioc.Bench.Advice;

/// <summary>Every ward's chief: what the network delivered goes to each ward; every <c>look</c> of business time in office hours they look at their advice.</summary>
internal sealed class CityChiefs : IStaffingChief
{
    private readonly BusinessClock _clock = new();
    private readonly Dictionary<string, WardChief> _wards;
    private readonly TimeSpan _look;
    private DateTimeOffset _nextLook;

    public CityChiefs(IEnumerable<string> wards, AdvisorOptions options, TimeSpan look)
    {
        var advisor = new StaffingAdvisor(options);
        _wards = wards.ToDictionary(c => c, c => new WardChief(c, advisor, _clock), StringComparer.Ordinal);
        _look = look;
    }

    public IReadOnlyCollection<WardChief> Wards => _wards.Values;

    /// <summary>Whether the chiefs follow advice (false while the center only learns from earlier days).</summary>
    public bool Following { set { foreach (var w in _wards.Values) w.Following = value; } }

    public IReadOnlySet<string> Accepts { set { foreach (var w in _wards.Values) w.Accepts = value; } }

    public IEnumerable<StaffingOrder> Follow(DateTimeOffset now, IReadOnlyList<Delivery> delivered)
    {
        _clock.Now = now;
        foreach (var d in delivered)
            foreach (var byWard in d.Events.GroupBy(e => e.Ward))
                if (_wards.TryGetValue(byWard.Key, out var w)) w.Deliver(now, byWard);
        if (now < _nextLook || !HanoiTime.IsOfficeHours(now)) return [];
        _nextLook = now + _look;
        var looks = _wards.Values.Where(w => w.Following).ToArray();
        var orders = new StaffingOrder?[looks.Length];
        // Wards are independent: two threads, the orders still in ward order.
        Parallel.For(0, looks.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => orders[i] = looks[i].Look());
        return orders.OfType<StaffingOrder>().ToArray();
    }
}
