namespace Ioc.Silo.Devices;

/// <summary>How often a device grain tells its ward it still hears the device, and stores its gauge state.</summary>
public static class DeviceGrainTiming
{
    /// <summary>While the device talks and nothing the ward shows changes: a heartbeat for the ward's staleness rule.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// State is a gauge the device re-sends every second or so: it is stored at most this often (and
    /// when the grain deactivates), which keeps 40,000 devices to about a thousand small writes a second.
    /// </summary>
    public static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(30);
}
