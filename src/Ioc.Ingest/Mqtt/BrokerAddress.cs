using System.Globalization;

namespace Ioc.Ingest.Mqtt;

/// <summary><c>host:port</c> (port 1883 when left out).</summary>
public static class BrokerAddress
{
    public static (string Host, int Port) Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon < 0 ? (address, 1883) : (address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
