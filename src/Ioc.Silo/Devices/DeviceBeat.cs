using Ioc.Grains;

namespace Ioc.Silo.Devices;

/// <summary>
/// What the silo's liveness sweep knows of one active device grain: when the device was last heard,
/// whether its ward was last told it is online, and since when it has state not yet stored. The
/// grain writes these fields, the sweep reads them (64-bit fields, read and written whole).
/// </summary>
public sealed class DeviceBeat(IDeviceTick grain)
{
    private long _heardTicks;
    private long _dirtySinceTicks;
    private int _shownOnline;

    public IDeviceTick Grain { get; } = grain;

    public long HeardTicks => Volatile.Read(ref _heardTicks);

    /// <summary>0 when everything is stored.</summary>
    public long DirtySinceTicks => Volatile.Read(ref _dirtySinceTicks);

    public bool ShownOnline => Volatile.Read(ref _shownOnline) != 0;

    public void Heard(DateTimeOffset at)
    {
        Volatile.Write(ref _heardTicks, at.UtcTicks);
        if (DirtySinceTicks == 0) Volatile.Write(ref _dirtySinceTicks, at.UtcTicks);
    }

    public void Stored() => Volatile.Write(ref _dirtySinceTicks, 0);

    public void Shown(bool online) => Volatile.Write(ref _shownOnline, online ? 1 : 0);
}
