namespace Ioc.Dashboard.Security;

public static class ClientAddress
{
    /// <summary>
    /// The client's IP address as this server sees it (behind a reverse proxy, configure the
    /// forwarded-headers middleware so this is the citizen's or officer's, not the proxy's).
    /// </summary>
    public static string Of(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "unknown";
        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }
}
