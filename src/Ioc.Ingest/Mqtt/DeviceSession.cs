using System.Collections;
using Ioc.Grains;

namespace Ioc.Ingest.Mqtt;

/// <summary>What the embedded broker keeps about a connected device: who it is and the key it signed in with.</summary>
public sealed record DeviceSession(DeviceInfo Device, string Key)
{
    private const string ItemKey = "ioc:device-session";

    public static DeviceSession? Of(IDictionary items) => items[ItemKey] as DeviceSession;

    public void StoreIn(IDictionary items) => items[ItemKey] = this;
}
