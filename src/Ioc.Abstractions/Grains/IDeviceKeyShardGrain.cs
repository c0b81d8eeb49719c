namespace Ioc.Grains;

/// <summary>One of the registry's shards of key hashes (key: shard number, by hash): key hash → device id.</summary>
public interface IDeviceKeyShardGrain : IGrainWithIntegerKey
{
    Task Set(string keyHash, string deviceId);

    Task Remove(string keyHash);

    Task<string?> Find(string keyHash);
}
