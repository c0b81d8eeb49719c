using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ioc.Tests.Operations;

/// <summary>The HTTP API as OpenAPI (/openapi/v1.json) and its reference page, served by the center itself.</summary>
public sealed partial class OpenApiTests(CenterHost host) : IClassFixture<CenterHost>
{
    /// <summary>Every endpoint telemetry-v1 and api-v1 name (parameter names as the specs write them).</summary>
    public static TheoryData<string, string> SpecEndpoints => new()
    {
        { "post", "/api/v1/telemetry" },
        { "post", "/api/v1/auth/token" },
        { "post", "/api/v1/devices" },
        { "post", "/api/v1/devices/{deviceId}/key" },
        { "post", "/api/v1/users" },
        { "get", "/api/v1/wards" },
        { "get", "/api/v1/wards/{code}" },
        { "get", "/api/v1/wards/{code}/queues/{service}/estimate" },
        { "get", "/api/v1/alerts" },
        { "post", "/api/v1/alerts/{id}/acknowledge" },
        { "post", "/api/v1/alerts/{id}/resolve" },
        { "get", "/api/v1/rankings" },
        { "get", "/api/v1/wards/{code}/history" },
    };

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    private static string Shape(string path) => Parameter().Replace(path.TrimEnd('/'), "{}");

    [Theory]
    [MemberData(nameof(SpecEndpoints))]
    public async Task Every_endpoint_of_the_specs_is_in_the_document(string method, string path)
    {
        var r = await host.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var paths = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var operations = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Method: m.Name, Path: Shape(p.Name))))
            .ToHashSet();
        Assert.Contains((method, Shape(path)), operations);
    }

    [Fact]
    public async Task The_telemetry_operation_lists_every_answer_of_the_spec()
    {
        var doc = JsonDocument.Parse(await host.Http.GetStringAsync("/openapi/v1.json")).RootElement;
        var answers = doc.GetProperty("paths").GetProperty("/api/v1/telemetry").GetProperty("post").GetProperty("responses")
            .EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "202", "400", "401", "403", "413", "429", "503" }, answers);
    }

    [Fact]
    public async Task The_reference_page_is_served_from_the_center_with_nothing_from_outside()
    {
        var html = await host.Http.GetStringAsync("/openapi/index.html");
        Assert.Contains("/openapi/reference.js", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        var script = await host.Http.GetAsync("/openapi/reference.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.DoesNotContain("http", await script.Content.ReadAsStringAsync());
        Assert.Contains("v1.json", await script.Content.ReadAsStringAsync());
    }
}
