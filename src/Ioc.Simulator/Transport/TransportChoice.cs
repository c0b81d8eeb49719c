namespace Ioc.Simulator.Transport;

/// <summary>Which devices speak MQTT under <c>Ioc:Simulator:Transport</c>: none, all, or (mixed) a stable half chosen by device id.</summary>
internal static class TransportChoice
{
    public const string Http = "http", Mqtt = "mqtt", Mixed = "mixed";

    public static bool UsesMqtt(string transport, string deviceId) => transport.ToLowerInvariant() switch
    {
        Mqtt => true,
        Mixed => (StableHash(deviceId) & 1) == 1,
        _ => false,
    };

    public static bool IsKnown(string transport) => transport.ToLowerInvariant() is Http or Mqtt or Mixed;

    // string.GetHashCode changes per process; the split must not.
    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }
}
