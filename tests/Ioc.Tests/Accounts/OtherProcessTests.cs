using System.Collections.Immutable;
using System.Security.Claims;
using Ioc.Accounts;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Ingest.Devices;
using Ioc.Ingest.Telemetry;
using Ioc.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Ioc.Tests.Accounts;

/// <summary>
/// What another process of a cluster did (rotated a key, signed a session out) reaches this one
/// through its short caches: the registry and account grains are faked at the grain seam, the
/// clock moved by hand.
/// </summary>
public sealed class OtherProcessTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly IGrainFactory _grains = Substitute.For<IGrainFactory>();

    [Fact]
    public async Task A_key_rotated_by_another_process_is_refused_here_within_three_seconds()
    {
        var registry = Substitute.For<IDeviceRegistryGrain>();
        _grains.GetGrain<IDeviceRegistryGrain>(0, null).Returns(registry);
        var device = new DeviceInfo("far-robot", DeviceKinds.Robot, ["00004"], DateTimeOffset.UtcNow);
        var key = DeviceKeys.NewKey();
        registry.FindByKeyHash(DeviceKeys.Hash(key)).Returns(device);
        var cache = new DeviceKeyCache(_grains, _time, Options.Create(new IngestOptions()));
        Assert.Equal(device, await cache.FindAsync(key));

        // Another process rotates the key: the registry no longer knows it.
        registry.FindByKeyHash(DeviceKeys.Hash(key)).Returns((DeviceInfo?)null);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(await cache.FindAsync(key));
    }

    [Fact]
    public async Task A_key_rotated_in_this_process_is_dropped_even_while_a_lookup_is_under_way()
    {
        var registry = Substitute.For<IDeviceRegistryGrain>();
        _grains.GetGrain<IDeviceRegistryGrain>(0, null).Returns(registry);
        var device = new DeviceInfo("near-robot", DeviceKinds.Robot, ["00004"], DateTimeOffset.UtcNow);
        var key = DeviceKeys.NewKey();
        var answer = new TaskCompletionSource<DeviceInfo?>();
        registry.FindByKeyHash(DeviceKeys.Hash(key)).Returns(answer.Task);
        var cache = new DeviceKeyCache(_grains, _time, Options.Create(new IngestOptions()));
        var lookup = cache.FindAsync(key).AsTask();
        // The rotation lands while the registry's (old) answer is on its way.
        cache.ForgetDevice("near-robot");
        answer.SetResult(device);
        Assert.Equal(device, await lookup);
        registry.FindByKeyHash(DeviceKeys.Hash(key)).Returns((DeviceInfo?)null);
        Assert.Null(await cache.FindAsync(key));
    }

    [Fact]
    public async Task A_session_signed_out_by_another_process_is_refused_here_within_five_seconds()
    {
        var account = Substitute.For<IAccountGrain>();
        _grains.GetGrain<IAccountGrain>("far.leader", null).Returns(account);
        account.GetSecurity().Returns(new AccountSecurity("stamp-1", [], null));
        var cache = new AccountSecurityCache(_grains, _time, Options.Create(new AccountOptions()));
        var person = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "far.leader"), new Claim(ClaimTypes.Role, Roles.City), new Claim(IocClaims.Session, "s-1"), new Claim(IocClaims.Stamp, "stamp-1")], "Cookies"));
        Assert.True(await cache.Admits(person));

        account.GetSecurity().Returns(new AccountSecurity("stamp-1", ImmutableHashSet.Create("s-1"), null));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(await cache.Admits(person));

        // A new password elsewhere (a new stamp) ends it just the same.
        account.GetSecurity().Returns(new AccountSecurity("stamp-2", [], "hash"));
        var other = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "far.leader"), new Claim(IocClaims.Session, "s-2"), new Claim(IocClaims.Stamp, "stamp-1")], "Cookies"));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(await cache.Admits(other));
    }
}
