using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public string? Ward { get; set; }
    [Id(1)] public string? Counter { get; set; }
    [Id(2)] public string? DeviceId { get; set; }
    [Id(3)] public DateTimeOffset? LastTs { get; set; }
    [Id(4)] public string Status { get; set; } = "closed";
    [Id(5)] public ImmutableArray<string> Services { get; set; } = [];
    [Id(6)] public DateTimeOffset? LastHeardReal { get; set; }
}

/// <summary>A one-stop desk's device state: open, paused or closed, and which services it handles.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", "ioc")] IPersistentState<CounterState> store,
    IocClock clock,
    IOptions<WardRulesOptions> rules) : DeviceGrainBase<CounterState>(store, clock, rules), ICounterGrain, IDeviceTick
{
    protected override string? Ward => State.Ward;

    public Task<ApplyResult> ApplyStates(ImmutableArray<CounterStateReport> states)
    {
        var (accepted, duplicates) = (0, 0);
        foreach (var s in states)
        {
            if (!Remember(s.EventId)) { duplicates++; continue; }
            accepted++;
            State.Ward ??= s.Ward;
            State.Counter ??= s.Counter;
            State.DeviceId = s.DeviceId;
            if (State.LastTs is { } last && s.Ts <= last) continue;
            State.LastTs = s.Ts;
            State.Status = s.Status;
            State.Services = s.Services;
        }
        return Heard(accepted, duplicates);
    }

    public Task<CounterView> GetView() => Task.FromResult(View());

    private CounterView View() => new(
        State.Counter ?? this.GetPrimaryKeyString(), State.Status, State.Services, null, 0,
        State.LastTs is { } t ? HanoiTime.ToLocal(t) : null, Online, State.DeviceId);

    protected override DateTimeOffset? LastHeardReal { get => State.LastHeardReal; set => State.LastHeardReal = value; }

    protected override object ReportKey() => (Online, State.Status, string.Join(',', State.Services));

    protected override Task Report(IWardGrain ward) => ward.ReportCounter(View());
}
