using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Devices;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Silo.Grains;

/// <summary>A one-stop desk's device state: open, paused or closed, and which services it handles.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", "ioc")] IPersistentState<CounterState> store,
    IocClock clock,
    DeviceLiveness liveness) : DeviceGrainBase<CounterState>(store, clock, liveness), ICounterGrain
{
    protected override string? Ward => State.Ward;
    protected override ReplayWindow Recent => State.Recent;

    public Task<ApplyResult> ApplyStates(ImmutableArray<CounterStateReport> states)
    {
        var (accepted, duplicates) = (0, 0);
        foreach (var s in states)
        {
            if (!Remember(s.EventId)) { duplicates++; continue; }
            accepted++;
            State.Ward ??= s.Ward;
            State.Counter ??= s.Counter;
            if (State.DeviceId != s.DeviceId) State.DeviceId = s.DeviceId;
            if (State.LastTs is { } last && s.Ts <= last) continue;
            State.LastTs = s.Ts;
            State.Status = Words.Shared(CounterStatuses.All, s.Status);
            // A desk re-sends the same services every time: keep the array held, not a copy per message.
            if (!State.Services.AsSpan().SequenceEqual(s.Services.AsSpan())) State.Services = s.Services;
        }
        return Heard(accepted, duplicates);
    }

    public Task<CounterView> GetView() => Task.FromResult(View());

    private CounterView View() => new(
        State.Counter ?? this.GetPrimaryKeyString(), State.Status, State.Services, null, 0,
        State.LastTs is { } t ? HanoiTime.ToLocal(t) : null, Online, State.DeviceId);

    protected override DateTimeOffset? LastHeardReal { get => State.LastHeardReal; set => State.LastHeardReal = value; }

    protected override long ReportKey()
    {
        var h = new HashCode();
        h.Add(Online);
        h.Add(State.Status);
        foreach (var s in State.Services) h.Add(s);
        return h.ToHashCode();
    }

    protected override Task Report(IWardGrain ward) => ward.ReportCounter(View());
}
