using CsCheck;
using Ioc.Grains;
using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;
using static Ioc.Tests.Staffing.ScriptedHall;

namespace Ioc.Tests.Staffing;

/// <summary>
/// The advisor's rules as properties over generated halls one can replay by hand (every service ten minutes at
/// the desk's own fixed pace, nobody missing a call, nobody new coming): what it claims a move saves is what replaying the move
/// gives, and no advised move strands a citizen waiting now. The replay (<see cref="Replay"/>) is written here.
/// </summary>
public sealed class StaffingPropertiesTests
{
    private const double Service = 600;
    private static readonly string[] Pool = ["ho-tich", "chung-thuc", "dat-dai"];

    /// <summary>A desk of the generated hall: 0 free, 1 busy (called some minutes ago), 2 closed; one or two services.</summary>
    private static readonly Gen<DeskNow> GenDesk =
        from state in Gen.Int[0, 2]
        from first in Gen.Int[0, 2]
        from second in Gen.Int[-1, 2]
        from calledAgo in Gen.Int[0, 9]
        let services = second < 0 || second == first ? new[] { Pool[first] } : [Pool[first], Pool[second]]
        select state == 1 ? Busy("?", services[0], calledAgo, services) : Desk("?", state == 0 ? "open" : "closed", services);

    private static readonly Gen<(DeskNow[] Desks, List<WaitingKey> Queue)> GenHall =
        from desks in GenDesk.Array[2, 4]
        from services in Gen.Int[0, 2].Array[1, 8]
        from gaps in Gen.Int[1, 5].Array[8]
        let labelled = desks.Select((d, i) => d with { Label = Label(i) }).ToArray()
        let queue = services.Select((s, i) => new WaitingKey(Now.AddMinutes(-gaps.Skip(i).Take(services.Length - i).Sum()), $"A{i:000}", Pool[s])).ToList()
        select (labelled, queue);

    /// <summary>
    /// Each desk's own pace (desk 1 about ten minutes, desk 2 a bit longer...): no two desks free at the same instant by
    /// chance. None is a whole number of minutes: a desk called whole minutes ago would otherwise free exactly when an
    /// opened desk sits down (<see cref="StaffingHall.OpenDelay"/>), a tie the advisor's futures break either way by the
    /// hundredth of a second of their spread while the replay always gives it to the lower desk.
    /// </summary>
    private static readonly double[] Pace = [1.0213, 1.0731, 1.1417, 1.2093];

    /// <summary>Services of exactly ten minutes times the desk's pace: learned from so many that the spread is a hundredth of a second.</summary>
    private static ServiceTimeModel Model()
    {
        var model = Exact(Service, Pool);
        const double n = 1e10;
        foreach (var s in Pool) model.LogMoments[s] = [n, n * Math.Log(Service), n * Math.Log(Service) * Math.Log(Service)];
        for (var d = 0; d < Pace.Length; d++) model.DeskSeconds[Label(d)] = [Pace[d] * n, n];
        return model;
    }

    private static string Label(int d) => (d + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<StaffingAdvice> AdviseExact(DeskNow[] desks, List<WaitingKey> queue) => Advise(desks, queue, Model());

    [Fact]
    public void The_wait_an_advice_claims_is_what_replaying_the_move_gives()
    {
        var advised = 0;
        GenHall.Sample(hall =>
        {
            foreach (var a in AdviseExact(hall.Desks, hall.Queue))
            {
                advised++;
                var without = Replay(hall.Desks, hall.Queue, null);
                var with = Replay(hall.Desks, hall.Queue, a);
                Assert.True(Math.Abs(without.Sum() - a.TotalWaitSecondsWithout) <= 0.01 * without.Sum() + 1,
                    $"{Describe(hall.Desks)}: {string.Join(",", hall.Queue.Select(k => $"{k.Service}@{(k.IssuedAt - Now).TotalMinutes}"))}: {a.Citizens} citizens, claimed {a.TotalWaitSecondsWithout:0} s without {a.Kind} {a.Desk}, replayed [{string.Join(", ", without)}]");
                Assert.Equal(with.Sum(), a.TotalWaitSecondsWith, 0.01 * with.Sum() + 1);
                Assert.Equal(without.Max(), a.LongestWaitSecondsWithout, 0.01 * without.Max() + 1);
                Assert.Equal(with.Max(), a.LongestWaitSecondsWith, 0.01 * with.Max() + 1);
                Assert.Equal(without.Sum() - with.Sum(), a.SavedSeconds, 0.01 * without.Sum() + 1);
            }
        }, iter: 300);
        Assert.True(advised > 20, $"only {advised} advices over the generated halls");
    }

    [Fact]
    public void No_advised_move_strands_a_citizen_waiting_now()
    {
        var advised = 0;
        GenHall.Sample(hall =>
        {
            var without = Replay(hall.Desks, hall.Queue, null);
            foreach (var a in AdviseExact(hall.Desks, hall.Queue))
            {
                advised++;
                var with = Replay(hall.Desks, hall.Queue, a);
                for (var k = 0; k < hall.Queue.Count; k++)
                    Assert.True(without[k] >= Cap || with[k] < Cap, $"{hall.Queue[k].Label} ({hall.Queue[k].Service}) is called without {a.Kind} {a.Desk}, never with it");
                Assert.True(with.Max() <= without.Max() + new AdvisorOptions().MaxLongerWorstSeconds + 1, $"longest {with.Max()} vs {without.Max()}");
            }
        }, iter: 300);
        Assert.True(advised > 20, $"only {advised} advices over the generated halls");
    }

    private static string Describe(DeskNow[] desks) => string.Join("; ", desks.Select(d =>
        $"{d.Label} {d.Status} {string.Join(",", d.Services)}{(d.Current is { } c ? $" busy {c.Service} since {(Now - c.CalledAt).TotalMinutes} min" : "")}"));

    /// <summary>The played time: the hour of the advice and two more, after which whoever waits counts as waiting until then.</summary>
    private const double Cap = 3 * 3600;

    /// <summary>
    /// Each citizen's wait (seconds; the queue's order) in the hall replayed by hand: the desk free first calls the
    /// oldest citizen among what it serves at that moment; a busy desk frees after the rest of its ten minutes; an
    /// opened one sits down a minute after the order and closes once its hour is over; a moved one serves the new
    /// service for the hour, then its own again. Whoever is not called by <see cref="Cap"/> waits until then.
    /// </summary>
    private static double[] Replay(DeskNow[] desks, List<WaitingKey> queue, StaffingAdvice? move)
    {
        var issued = queue.Select(k => (k.IssuedAt - Now).TotalSeconds).ToArray();
        var waits = issued.Select(i => Cap - i).ToArray();
        var called = new bool[queue.Count];
        var until = move is null ? double.PositiveInfinity : (move.Until - Now).TotalSeconds;
        var free = new double[desks.Length];
        var before = new string[desks.Length][];
        var after = new string[]?[desks.Length];
        for (var d = 0; d < desks.Length; d++)
        {
            var desk = desks[d];
            var moved = move?.Desk == desk.Label;
            var open = desk.Status == "open";
            free[d] = !open && !moved ? double.PositiveInfinity
                : !open ? StaffingHall.OpenDelay.TotalSeconds
                : desk.Current is { } c ? Service * Pace[d] - (Now - c.CalledAt).TotalSeconds : 0;
            before[d] = moved ? [.. move!.Serves] : [.. desk.Services];
            after[d] = !moved ? before[d] : open ? [.. desk.Services] : null;
        }
        while (true)
        {
            var d = Enumerable.Range(0, desks.Length).Where(x => !double.IsPositiveInfinity(free[x])).OrderBy(x => free[x]).ThenBy(x => x).FirstOrDefault(-1);
            if (d < 0 || free[d] > Cap) break;
            var t = free[d];
            var serves = t < until ? before[d] : after[d];
            if (serves is null) { free[d] = double.PositiveInfinity; continue; }
            var k = Enumerable.Range(0, queue.Count).FirstOrDefault(i => !called[i] && serves.Contains(queue[i].Service), -1);
            if (k < 0) { free[d] = t < until && !double.IsPositiveInfinity(until) ? until : double.PositiveInfinity; continue; }
            called[k] = true;
            waits[k] = t - issued[k];
            free[d] = t + Service * Pace[d];
        }
        return waits;
    }
}
