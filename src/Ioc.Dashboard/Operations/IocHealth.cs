namespace Ioc.Dashboard.Operations;

/// <summary>
/// The center's health endpoints. <c>/healthz/live</c>: the process answers (no checks). <c>/healthz/ready</c>: every
/// check tagged <see cref="Ready"/>: the cluster, grain storage, the history store and, when a part that needs
/// one is switched on, its own (a future MQTT bridge adds
/// <c>services.AddHealthChecks().AddCheck&lt;MqttBrokerHealthCheck&gt;("mqtt", tags: [IocHealth.Ready])</c>).
/// </summary>
public static class IocHealth
{
    public const string Ready = "ready";
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    /// <summary>How long one check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
}
