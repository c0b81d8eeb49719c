using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Silo.Staffing;

/// <summary>
/// A ward's staffing advice as its page and API show it: worked out from the live hall when it changed
/// (at most every <see cref="MinRealGap"/> of real time) and at least once a business minute, a move that
/// still stands keeping its id, and acceptances recorded in the <see cref="AdviceLedger"/>. A move accepted
/// is assumed done until the desk shows it (or <see cref="FollowWithin"/> passed without it doing so).
/// </summary>
public sealed class AdviceBoard(string ward, StaffingAdvisor advisor, AdviceLedger ledger, ServiceTimeModel model,
    Func<(IReadOnlyCollection<WaitingKey> Waiting, IReadOnlyList<DeskNow> Desks)> hall, Func<DateTimeOffset> now, TimeProvider real)
{
    public static readonly TimeSpan MinRealGap = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FollowWithin = TimeSpan.FromMinutes(5);

    private ImmutableArray<StaffingAdvice> _advice = [];
    private DateTimeOffset? _computedAt;
    private DateTimeOffset _computedReal;
    private string? _signature;
    private bool _force;

    /// <summary>The advice now and today's acceptances, worked out again when due.</summary>
    public WardStaffing Current()
    {
        var at = now();
        var (waiting, desks) = hall();
        var signature = Signature(waiting, desks);
        var due = _computedAt is not { } last || _force || at - last >= Refresh
            || (signature != _signature && real.GetUtcNow() - _computedReal >= MinRealGap);
        if (due) Compute(at, waiting, desks, signature);
        return new WardStaffing(ward, _computedAt, _advice, [.. ledger.Today(at)]);
    }

    /// <summary>Records that <paramref name="user"/> accepted the advice shown with that id.</summary>
    public AdviceAcceptance Accept(string id, string user)
    {
        if (ledger.Find(id) is { } earlier) return new AdviceAcceptance(AdviceOutcome.AlreadyAccepted, earlier);
        if (_advice.FirstOrDefault(a => a.Id == id) is not { } advice) return new AdviceAcceptance(AdviceOutcome.NotFound, null);
        var accepted = new AcceptedAdvice(ward, advice, user, now());
        ledger.Add(accepted);
        _advice = _advice.Remove(advice);
        _force = true;
        return new AdviceAcceptance(AdviceOutcome.Accepted, accepted);
    }

    public ImmutableArray<AcceptedAdvice> AcceptedSince(DateTimeOffset since) => [.. ledger.Since(since)];

    private void Compute(DateTimeOffset at, IReadOnlyCollection<WaitingKey> waiting, IReadOnlyList<DeskNow> desks, string signature)
    {
        _computedAt = at;
        _computedReal = real.GetUtcNow();
        _signature = signature;
        _force = false;
        var inForce = ledger.InForce(at).Select(a => AsChange(a, desks, at)).OfType<DeskChange>().ToList();
        var fresh = advisor.Advise(new StaffingInput(at, waiting, desks, model, inForce));
        // A move that still stands keeps its id (a page showing it can still accept it); a new one gets the next number.
        _advice = [.. fresh.Select(a => a with { Id = _advice.FirstOrDefault(a.SameMove)?.Id ?? NewId(at) })];
    }

    private string NewId(DateTimeOffset at) => $"{HanoiTime.DayOf(at):yyyyMMdd}-{ledger.NextNumber++}";

    /// <summary>An accepted move as the plan the hall follows: until the desk shows it, for a few minutes; once it does, until its hour is over.</summary>
    private static DeskChange? AsChange(AcceptedAdvice accepted, IReadOnlyList<DeskNow> desks, DateTimeOffset at)
    {
        var a = accepted.Advice;
        var desk = desks.FirstOrDefault(d => d.Label == a.Desk);
        var shows = desk.Label is not null && desk.Status == CounterStatuses.Open && desk.Services.Order().SequenceEqual(a.Serves.Order());
        if (!shows && at - accepted.AcceptedAt > FollowWithin) return null;
        return a.Kind == AdviceKinds.OpenDesk
            ? new DeskChange(a.Desk, a.Serves, a.Until) { ClosesAfter = true }
            : new DeskChange(a.Desk, a.Serves, a.Until) { ServesAfter = a.ServesNow };
    }

    /// <summary>What the advice depends on that can change between two business minutes: the queue and the desks.</summary>
    private static string Signature(IReadOnlyCollection<WaitingKey> waiting, IReadOnlyList<DeskNow> desks)
    {
        var hash = new HashCode();
        hash.Add(waiting.Count);
        foreach (var k in waiting) hash.Add(k);
        foreach (var d in desks)
        {
            hash.Add(d.Label);
            hash.Add(d.Status);
            hash.Add(d.Online);
            hash.Add(d.Current?.Label);
            foreach (var s in d.Services) hash.Add(s);
        }
        return hash.ToHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
