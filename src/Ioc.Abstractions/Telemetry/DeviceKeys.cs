using System.Security.Cryptography;
using System.Text;

namespace Ioc.Telemetry;

/// <summary>
/// Device keys are 256-bit random secrets shown once; the center keeps only their SHA-256.
/// A fast hash is right here (unlike passwords): the secret has full entropy, and ingest checks
/// it on every request.
/// </summary>
public static class DeviceKeys
{
    public const string Prefix = "iocd_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static bool LooksLikeDeviceKey(string? token) => token is not null && token.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
