namespace Ioc.Ingest.Mqtt;

/// <summary>
/// <c>Ioc:Mqtt</c>: devices over MQTT. By default this process hosts the center's own broker on
/// <see cref="Port"/>. With <see cref="Broker"/> set (a cluster) it hosts none and instead takes the
/// devices' messages from that broker (Mosquitto) on a shared subscription.
/// </summary>
public sealed class MqttOptions
{
    public const string Section = "Ioc:Mqtt";

    public bool Enabled { get; set; } = true;

    /// <summary>Plain MQTT port of the embedded broker; 0 takes a free one (tests).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Address the embedded broker listens on (every interface by default).</summary>
    public string? BindAddress { get; set; }

    /// <summary>MQTT over TLS, only when <see cref="CertificatePath"/> names a PKCS#12 file.</summary>
    public int TlsPort { get; set; } = 8883;

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary><c>host:port</c> of an external broker (a cluster's Mosquitto); empty for the embedded one.</summary>
    public string? Broker { get; set; }

    /// <summary>Whether this process takes devices' batches from the external broker (a dashboard that only provisions says false).</summary>
    public bool Subscribe { get; set; } = true;

    /// <summary>This process's own account on the external broker (subscribe to devices' topics, publish their errors).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The persistent session this process keeps on the external broker. Keep it across restarts of
    /// the same process: messages it received but had not stored come back to it.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The admin account of Mosquitto's dynamic-security plugin, for provisioning devices on it.</summary>
    public string? AdminUsername { get; set; }

    public string? AdminPassword { get; set; }

    public bool UsesExternalBroker => !string.IsNullOrWhiteSpace(Broker);
}
