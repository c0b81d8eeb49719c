namespace Ioc.Ingest.Mqtt;

/// <summary>telemetry-v1's topics: a device publishes to <c>ioc/v1/{ward}/{deviceId}</c> and hears its refusals on <c>…/errors</c>.</summary>
public static class DeviceTopics
{
    public const string Prefix = "ioc/v1/";

    /// <summary>What every ingest process of a cluster subscribes to: one shared group, each message to one of them.</summary>
    public const string SharedSubscription = "$share/ioc-ingest/ioc/v1/+/+";

    public static string Of(string ward, string deviceId) => $"{Prefix}{ward}/{deviceId}";

    public static string Errors(string ward, string deviceId) => $"{Of(ward, deviceId)}/errors";

    /// <summary>True for a telemetry topic <c>ioc/v1/{ward}/{deviceId}</c> (nothing more, nothing less).</summary>
    public static bool TryParse(string? topic, out string ward, out string deviceId)
    {
        ward = deviceId = "";
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = topic[Prefix.Length..].Split('/');
        if (parts is not [var w, var d] || w.Length == 0 || d.Length == 0) return false;
        (ward, deviceId) = (w, d);
        return true;
    }
}
