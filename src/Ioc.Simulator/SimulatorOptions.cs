namespace Ioc.Simulator;

/// <summary>Settings of the device simulator, section <c>Ioc:Simulator</c>.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Ioc:Simulator";

    public bool Enabled { get; set; } = true;

    /// <summary>Root of the center's HTTP API, e.g. <c>http://localhost:5080</c>. The worker waits until it is set.</summary>
    public string? BaseUrl { get; set; }

    public string? AdminUsername { get; set; } = "admin";

    /// <summary>The admin password used to provision devices. The worker waits until it is set.</summary>
    public string? AdminPassword { get; set; }

    public int Seed { get; set; } = 20250701;

    /// <summary>Share of the units (0..1) that have 1–3 queue robots.</summary>
    public double RobotWardShare { get; set; } = 0.35;

    /// <summary>Where the pending-dossier schedule is kept (default <c>Ioc:DataPath</c>/simulator).</summary>
    public string? DataPath { get; set; }

    public int DossiersPerDay { get; set; } = 6250;

    /// <summary>
    /// The kind of day: <c>normal</c> (default), <c>monday-surge</c>, <c>desk-outage</c>,
    /// <c>robot-fault</c> or <c>dossier-outage</c> (README "Simulator scenarios").
    /// </summary>
    public string Scenario { get; set; } = "normal";

    /// <summary>How the network delivers the devices' batches (section <c>Ioc:Simulator:Network</c>).</summary>
    public NetworkOptions Network { get; set; } = new();

    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>How devices send telemetry: <c>http</c> (default), <c>mqtt</c>, or <c>mixed</c> (each device one or the other, as in a real city).</summary>
    public string Transport { get; set; } = "http";

    /// <summary>The MQTT broker as <c>host:port</c> (default: the host of <see cref="BaseUrl"/>, port 1883).</summary>
    public string? MqttBroker { get; set; }

    /// <summary>Real seconds between state messages (heartbeats) of one counter or robot.</summary>
    public int HeartbeatSeconds { get; set; } = 20;

    /// <summary>Real seconds between two flushes of the devices' outboxes.</summary>
    public double FlushSeconds { get; set; } = 2;

    /// <summary>Real seconds between two saves of the pending schedule.</summary>
    public int StateSaveSeconds { get; set; } = 60;

    internal bool IsReady =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(AdminUsername) && !string.IsNullOrEmpty(AdminPassword);
}
