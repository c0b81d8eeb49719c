using Ioc.Telemetry;

namespace Ioc.Simulator.Model;

/// <summary>
/// The city's administrative dossiers: received (online, in person, by post), sometimes paused for
/// papers, resolved, almost always on time. Each dossier's future is drawn once from its own stream
/// when it is received, so it survives a restart (<see cref="DossierRecord"/>).
/// </summary>
internal sealed class DossierSimulation(SimScheduler clock, CityLayout layout)
{
    /// <summary>Share of all dossiers a citizen files at a neighbouring ward's desk (only in-person ones can be).</summary>
    public const double ElsewhereShare = 0.03;

    private readonly Dictionary<string, DossierRecord> _open = new(StringComparer.Ordinal);
    private readonly int _seed = layout.Settings.Seed;

    public IReadOnlyCollection<DossierRecord> Open => _open.Values;

    /// <summary>Continues the open dossiers of an earlier run from <paramref name="start"/>.</summary>
    public void Restore(IEnumerable<DossierRecord> restored, DateTimeOffset start)
    {
        foreach (var r in restored)
        {
            if (r.ReceivedAt > start || !layout.ByCode.ContainsKey(r.Ward) || _open.ContainsKey(r.Id)) continue;
            r.ShiftRemaining(start - r.NextStepAt);
            _open[r.Id] = r;
            clock.Schedule(r.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = r.Id });
        }
    }

    public void Receive(Hall h, string id, string channel)
    {
        if (_open.ContainsKey(id)) return; // restored from the previous run
        var rng = Rng.For(_seed, "dossier", id);
        var service = Catalog.Services[rng.PickWeighted(Catalog.DossierMix)];
        var procedure = rng.Pick(Catalog.ProceduresOf(service));
        var received = clock.Now;
        var due = DueDates.Of(received, procedure);
        var available = WorkCalendar.WorkingMinutesBetween(received, due);

        DateTimeOffset resolveBase;
        if (rng.Chance(h.P.LateProbability))
        {
            resolveBase = WorkCalendar.AddWorkingMinutes(due, rng.Uniform(20, 1500));
        }
        else
        {
            var fraction = 0.08 + 0.87 * Math.Pow(rng.NextDouble(), 1.4);
            var minutes = available < 3 ? available / 2 : Math.Clamp(fraction * available, 1, available - 1);
            resolveBase = WorkCalendar.AddWorkingMinutes(received, minutes);
            if (resolveBase > due) resolveBase = due - TimeSpan.FromMinutes(1);
        }
        if (resolveBase < received + TimeSpan.FromMinutes(1)) resolveBase = received + TimeSpan.FromMinutes(1);
        resolveBase = WorkCalendar.Ms(resolveBase);

        var record = new DossierRecord
        {
            Id = id,
            Ward = h.P.Code,
            Service = service,
            Procedure = procedure.Name,
            Channel = channel,
            ReceivedAt = received,
            DueAt = WorkCalendar.Ms(due),
            ResolveAt = resolveBase,
        };

        var pauseShare = service is ServiceCodes.DatDai or ServiceCodes.XayDung ? 0.12 : 0.04;
        var workToResolve = WorkCalendar.WorkingMinutesBetween(received, resolveBase);
        if (rng.Chance(pauseShare) && workToResolve >= 10)
        {
            var pauseAt = WorkCalendar.Ms(WorkCalendar.AddWorkingMinutes(received, rng.Uniform(0.2, 0.7) * workToResolve));
            if (pauseAt > received && pauseAt < resolveBase)
            {
                var length = WorkCalendar.Ms(WorkCalendar.AddWorkingMinutes(pauseAt, rng.Uniform(120, 2400))) - pauseAt;
                record.PauseAt = pauseAt;
                record.ResumeAt = pauseAt + length;
                record.ResolveAt = resolveBase + length;
            }
        }

        // Online papers are digital already; at a desk or by post most are scanned on receipt.
        var digitized = channel == "online" || rng.Chance(h.P.DigitizedShare);
        string? elsewhere = null;
        if (channel == "in_person" && h.P.Neighbours.Count > 0 && rng.Chance(ElsewhereShare / DayPlanner.InPersonShare))
            elsewhere = rng.Pick(h.P.Neighbours);

        _open[id] = record;
        clock.Emit(EventTypes.DossierReceived, id + "-r", CityLayout.DossierSystemId, h.P.Code, e => e with
        {
            Dossier = id,
            Procedure = record.Procedure,
            Service = service,
            Channel = channel,
            DueAt = record.DueAt,
            Digitized = digitized,
            ReceivedAt = elsewhere,
        });
        clock.Schedule(record.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = id });
    }

    public void Step(string id)
    {
        if (!_open.TryGetValue(id, out var r)) return;
        if (r.NextStepAt > clock.Now) { clock.Schedule(r.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = id }); return; }
        switch (r.Stage)
        {
            case DossierStage.Open when r.PauseAt is not null:
                r.Stage = DossierStage.Paused;
                clock.Emit(EventTypes.DossierPaused, id + "-p", CityLayout.DossierSystemId, r.Ward, e => e with { Dossier = id });
                break;
            case DossierStage.Paused:
                r.Stage = DossierStage.Resumed;
                clock.Emit(EventTypes.DossierResumed, id + "-u", CityLayout.DossierSystemId, r.Ward, e => e with { Dossier = id });
                break;
            default:
                _open.Remove(id);
                clock.Emit(EventTypes.DossierResolved, id + "-d", CityLayout.DossierSystemId, r.Ward, e => e with { Dossier = id });
                return;
        }
        clock.Schedule(r.NextStepAt, new SimAction(ActionKind.DossierStep) { DossierId = id });
    }
}
