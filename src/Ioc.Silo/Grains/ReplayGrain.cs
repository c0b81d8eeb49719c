using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Replay;
using Ioc.Silo.Log;
using Ioc.Silo.Replay;
using Ioc.Silo.Wards;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.Grains;

/// <summary>
/// One viewer's replay of a past day (see <see cref="IReplayGrain"/>): the scope's wards rebuilt from their
/// logs as plain <see cref="WardReplay"/> objects on this silo, next to the log, so only frames travel. The
/// rebuilding is CPU work and runs off the grain's scheduler, ward by ward in parallel. A replay holds a
/// day's ledgers in memory, so it is let go soon after its viewer stops asking.
/// </summary>
[CollectionAgeLimit(Minutes = 3)]
public sealed class ReplayGrain(IWardLog log, IOptions<WardRulesOptions> rules, WardDirectory region) : Grain, IReplayGrain
{
    private ReplayKey _key = null!;
    private List<WardReplay>? _wards;
    private readonly List<CitySample> _samples = [];
    private DateTimeOffset _at, _nextSample;
    private ReplayInfo? _info;

    private DateTimeOffset Start => HanoiTime.StartOf(_key.Day);
    private DateTimeOffset End => HanoiTime.StartOf(_key.Day.AddDays(1));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ReplayKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<ReplayInfo> Open()
    {
        await Rebuild(onlyIfNew: true);
        return _info!;
    }

    private async Task Rebuild(bool onlyIfNew)
    {
        if (onlyIfNew && _wards is not null) return;
        _wards = [.. await OpenWards()];
        Deliver(_wards);
        _samples.Clear();
        _at = _nextSample = Start;
        _info = new ReplayInfo(_key.Day, Start, End, _wards.Sum(w => w.Records),
            _wards.Select(w => w.FirstArrival).Where(a => a is not null).Min(), _wards.Any(w => w.LogTrimmed));
    }

    private Task<WardReplay[]> OpenWards() =>
        Task.WhenAll(_key.Wards(region).Select(w => Task.Run(() => WardReplay.Open(w, _key.Day, log, rules.Value))));

    /// <summary>Stands every ward at <paramref name="at"/>, taking the city's sample at each minute passed on the way.</summary>
    private async Task MoveTo(DateTimeOffset at)
    {
        at = at < Start ? Start : at > End ? End : at;
        if (_wards is null || at < _at) await Rebuild(onlyIfNew: false);
        var wards = _wards!;
        await Task.Run(() =>
        {
            for (; _nextSample <= at; _nextSample += TimeSpan.FromMinutes(1))
            {
                foreach (var w in wards) w.AdvanceTo(_nextSample);
                Deliver(wards);
                var totals = CityTotals.From([.. wards.Select(w => w.Summary())]);
                _samples.Add(new CitySample(_nextSample, totals.Waiting, totals.AvgWaitSeconds, totals.Overdue));
            }
            foreach (var w in wards) w.AdvanceTo(at);
            Deliver(wards);
        });
        _at = at;
    }

    /// <summary>Hands each ward's taken-in words to the receiving wards of the replay (others are outside its scope).</summary>
    private static void Deliver(IReadOnlyList<WardReplay> wards)
    {
        Dictionary<string, WardReplay>? byCode = null;
        foreach (var w in wards)
        {
            if (w.Outbox.Count == 0) continue;
            byCode ??= wards.ToDictionary(x => x.Code, StringComparer.Ordinal);
            foreach (var n in w.Outbox)
                if (byCode.TryGetValue(n.Receiver, out var receiver)) receiver.TakeIn(n.Notice);
            w.Outbox.Clear();
        }
    }

    public async Task<ReplayFrame> Wall(DateTimeOffset at, int samplesKnown)
    {
        await MoveTo(at);
        var summaries = _wards!.Select(w => w.Summary()).ToImmutableArray();
        var frame = new WallFrame(_at, summaries, CityTotals.From(summaries), summaries.Sum(w => w.AlertsOpen));
        var alerts = _wards!.SelectMany(w => w.ActiveAlerts).OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToImmutableArray();
        return new ReplayFrame(frame, alerts, [.. _samples.Skip(Math.Max(0, samplesKnown))], _wards!.Sum(w => w.Applied), _at >= End);
    }

    public async Task<WardDetail> Ward(string code, DateTimeOffset at)
    {
        await MoveTo(at);
        return (_wards!.FirstOrDefault(w => w.Code == code) ?? throw new ArgumentException($"Ward '{code}' is not in replay {_key}.", nameof(code))).Detail();
    }

    public async Task<ImmutableArray<ReplayDayFigures>> Figures()
    {
        // Fresh copies: playing to the late figures must not move the viewer's replay.
        var wards = await OpenWards();
        var atMidnight = await Task.Run(() =>
        {
            Deliver(wards);
            foreach (var w in wards) w.AdvanceTo(End);
            Deliver(wards);
            return wards.Select(w => w.CloseDay()).ToList();
        });
        var late = await Task.WhenAll(wards.Select(w => Task.Run(w.ReadLate)));
        Deliver(wards);
        return [.. wards.Select((w, i) => new ReplayDayFigures(w.Code, atMidnight[i], w.DaySummary(), late[i]))];
    }

    public Task Close()
    {
        _wards = null;
        _samples.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
