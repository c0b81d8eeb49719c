namespace Ioc.Ingest.Telemetry;

public sealed class IngestOptions
{
    public const string Section = "Ioc:Ingest";

    /// <summary>Requests a device may send each second on average.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>How many requests a device may send at once after a quiet spell (e.g. after an outage).</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Largest request body after decompression.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a whole request body may take to arrive. Kestrel's minimum data rate catches a
    /// stalled body; this catches one that trickles just fast enough (408 either way).
    /// </summary>
    public double BodyTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long this process trusts what the registry said about a device key. A rotated key is
    /// refused at once by the process that rotated it and within this time by every other one.
    /// </summary>
    public double DeviceKeyCacheSeconds { get; set; } = 3;
}
