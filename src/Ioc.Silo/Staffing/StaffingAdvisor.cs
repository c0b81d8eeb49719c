using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Silo.Staffing;

/// <summary>
/// Advises concrete moves of desks: open a closed desk (for its own services or for the service with
/// the queue), or move an open desk to a service it does not serve, for the next hour. Every candidate
/// is judged by playing the hall forward (<see cref="StaffingHall"/>) with and without it over the same
/// drawn futures: the expected waits of the citizens waiting now and those expected in the hour. A move
/// is advised when it saves enough per citizen and in all, clearly more than the futures' spread, and
/// leaves nobody waiting much longer than they would have; the best per desk, best first. Plain C#:
/// kinds, desk labels, service codes and numbers, no words. Seeded from the moment, so the same hall
/// gives the same advice.
/// </summary>
public sealed class StaffingAdvisor(AdvisorOptions options)
{
    public IReadOnlyList<StaffingAdvice> Advise(StaffingInput input)
    {
        var now = input.Now;
        if (!HanoiTime.IsOfficeHours(now) || input.Waiting.Count == 0) return [];
        var horizon = TimeSpan.FromMinutes(options.HorizonMinutes);
        var hall = new StaffingHall(now, input.Waiting, input.Desks, input.Model, horizon, input.InForce);
        var rng = new Random(unchecked((int)(now.UtcTicks / TimeSpan.TicksPerSecond)));
        var futures = Enumerable.Range(0, Math.Max(options.Runs, 2)).Select(_ => hall.Draw(rng)).ToArray();
        var without = futures.Select(f => hall.Play(f)).ToArray();
        var citizens = without.Average(o => o.Citizens);
        var meanWait = without.Average(o => o.TotalWaitSeconds) / citizens;
        // Nothing to gain when the waits are already shorter than what a move must save.
        if (meanWait < options.MinSavedPerCitizenSeconds) return [];

        var screen = Math.Clamp(options.ScreenRuns, 1, futures.Length);
        var finalists = Candidates(input, hall)
            .Select(c => (c, gain: Enumerable.Range(0, screen).Sum(r => without[r].TotalWaitSeconds - hall.Play(futures[r], c.Change).TotalWaitSeconds)))
            .Where(x => x.gain > 0)
            .OrderByDescending(x => x.gain)
            .Take(options.Finalists)
            .Select(x => x.c);
        var judged = new List<StaffingAdvice>();
        foreach (var c in finalists)
        {
            var withMove = futures.Select(f => hall.Play(f, c.Change)).ToArray();
            var saved = Enumerable.Range(0, futures.Length).Select(r => without[r].TotalWaitSeconds - withMove[r].TotalWaitSeconds).ToArray();
            var mean = saved.Average();
            var spread = Math.Sqrt(saved.Sum(x => (x - mean) * (x - mean)) / (saved.Length - 1) / saved.Length);
            var worstWithout = without.Average(o => o.LongestWaitSeconds);
            var worstWith = withMove.Average(o => o.LongestWaitSeconds);
            if (mean < options.MinSavedSeconds || mean / citizens < options.MinSavedPerCitizenSeconds || mean <= 2 * spread
                || worstWith > worstWithout + options.MaxLongerWorstSeconds) continue;
            judged.Add(new StaffingAdvice("", c.Kind, c.Change.Desk, c.ServesNow, [.. c.Change.Serves], now, c.Change.Until,
                hall.Waiting, citizens - hall.Waiting, without.Average(o => o.TotalWaitSeconds), withMove.Average(o => o.TotalWaitSeconds),
                worstWithout, worstWith));
        }
        return [.. judged.OrderByDescending(a => a.SavedSeconds).DistinctBy(a => a.Desk).Take(options.MaxAdvice)];
    }

    private sealed record Candidate(string Kind, DeskChange Change, ImmutableArray<string> ServesNow);

    /// <summary>Closed desks opened (for their own services or a queue's), open desks moved to a queue they do not serve.</summary>
    private IEnumerable<Candidate> Candidates(StaffingInput input, StaffingHall hall)
    {
        var until = input.Now.AddMinutes(options.HorizonMinutes);
        var locked = input.InForce.Select(c => c.Desk).ToHashSet(StringComparer.Ordinal);
        var targets = hall.Services.Where(s => hall.WaitingFor(s) > 0)
            .OrderByDescending(hall.WaitingFor).ThenBy(s => s, StringComparer.Ordinal)
            .Take(options.TargetServices).ToList();
        foreach (var desk in input.Desks.Where(d => d.Online && !locked.Contains(d.Label)))
        {
            ImmutableArray<string> own = [.. desk.Services];
            if (desk.Status == CounterStatuses.Closed)
            {
                yield return new Candidate(AdviceKinds.OpenDesk, new DeskChange(desk.Label, own, until), own);
                foreach (var t in targets.Where(t => !(own.Length == 1 && own[0] == t)))
                    yield return new Candidate(AdviceKinds.OpenDesk, new DeskChange(desk.Label, [t], until), own);
            }
            else if (desk.Status == CounterStatuses.Open)
            {
                foreach (var t in targets.Where(t => !desk.Serves(t)))
                    yield return new Candidate(AdviceKinds.MoveDesk, new DeskChange(desk.Label, [t], until), own);
            }
        }
    }
}
