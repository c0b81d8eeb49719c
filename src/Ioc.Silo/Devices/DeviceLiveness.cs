using System.Collections.Concurrent;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.Devices;

/// <summary>
/// One sweep per silo instead of a timer per device grain: every few seconds (wall clock) it looks
/// at the active device grains of this silo and calls back only those with something to do: a
/// device its ward still believes online that has been silent for the offline time, or state held
/// unstored for longer than <see cref="DeviceGrainTiming.SaveEvery"/>. A device that keeps talking
/// does its own reporting and saving on its batches, so the sweep costs a pass over small records.
/// </summary>
public sealed class DeviceLiveness : IDisposable
{
    private readonly ConcurrentDictionary<DeviceBeat, byte> _beats = new(ReferenceEqualityComparer.Instance);
    private readonly IocClock _clock;
    private readonly long _offlineTicks;
    private readonly TimeSpan _period;
    private readonly Lock _gate = new();
    private ITimer? _timer;

    public DeviceLiveness(IocClock clock, IOptions<WardRulesOptions> rules)
    {
        _clock = clock;
        OfflineAfter = TimeSpan.FromSeconds(rules.Value.DeviceOfflineSeconds);
        _offlineTicks = OfflineAfter.Ticks;
        _period = TimeSpan.FromSeconds(Math.Clamp(OfflineAfter.TotalSeconds / 6, 1, 10));
    }

    public TimeSpan OfflineAfter { get; }

    /// <summary>Active device grains on this silo.</summary>
    public int Count => _beats.Count;

    public DeviceBeat Register(IDeviceTick grain)
    {
        var beat = new DeviceBeat(grain);
        _beats.TryAdd(beat, 0);
        // The timer starts with the first device, on the wall clock the grains use (a fake one in tests).
        if (_timer is null)
            lock (_gate)
                _timer ??= _clock.Real.CreateTimer(_ => Sweep(), null, _period, _period);
        return beat;
    }

    public void Unregister(DeviceBeat beat) => _beats.TryRemove(beat, out _);

    private void Sweep()
    {
        var now = _clock.Real.GetUtcNow().UtcTicks;
        var saveTicks = DeviceGrainTiming.SaveEvery.Ticks;
        foreach (var beat in _beats.Keys)
        {
            var silent = beat.ShownOnline && now - beat.HeardTicks >= _offlineTicks;
            var unsaved = beat.DirtySinceTicks is var d and not 0 && now - d >= saveTicks;
            if (silent || unsaved) beat.Grain.Tick().Ignore();
        }
    }

    public void Dispose() => _timer?.Dispose();
}
