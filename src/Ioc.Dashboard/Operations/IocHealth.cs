namespace Ioc.Dashboard.Operations;

/// <summary>
/// The center's health endpoints. <c>/healthz/live</c>: the process answers (no checks). <c>/healthz/ready</c>: every
/// check tagged <see cref="Ready"/>: the cluster, grain storage, the history store and, when MQTT is on, "mqtt"
/// (<c>Ioc.Ingest.Mqtt.MqttHealthCheck</c>, added by <c>AddIocIngest</c> with the tag "ready").
/// </summary>
public static class IocHealth
{
    public const string Ready = "ready";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    /// <summary>How long one check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
}
