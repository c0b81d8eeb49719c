using System.Net;
using System.Text.Json;

namespace Ioc.Tests.Support;

/// <summary>Reading problem+json answers: the status and type checked, the errors as (index, field).</summary>
public static class ProblemAnswers
{
    public static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode expected)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"expected {(int)expected}, got {(int)r.StatusCode}: {body}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    public static List<(int Index, string Field)> Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString()!))];
}
