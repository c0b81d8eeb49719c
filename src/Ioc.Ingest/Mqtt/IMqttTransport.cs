namespace Ioc.Ingest.Mqtt;

/// <summary>How this process hears devices over MQTT: the embedded broker, or a subscription on the cluster's broker.</summary>
public interface IMqttTransport
{
    string Name { get; }

    bool IsRunning { get; }
}
