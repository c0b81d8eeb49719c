using System.Net;

namespace Ioc.Tests.Accounts;

public sealed class AddressLimitHost : CenterHost
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Ioc:Accounts:MaxFailuresPerAddress", "8")];
}

public sealed class AddressLimitTests(AddressLimitHost host) : IClassFixture<AddressLimitHost>
{
    [Fact]
    public async Task One_address_guessing_across_many_usernames_is_stopped_with_retry_after()
    {
        await host.CreateUser("spray.target", "spray-target-password", "city");
        var token = await host.AdminToken();
        // Two guesses each for four names: no account is locked, the address is.
        foreach (var name in new[] { "spray.target", "admin", "nobody.a", "nobody.b" })
            for (var i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = name, password = $"spray-{i}" })).StatusCode);
        var right = await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "spray.target", password = "spray-target-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("application/problem+json", right.Content.Headers.ContentType?.MediaType);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
        // Already signed-in people are not affected.
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards", token)).StatusCode);
    }
}
