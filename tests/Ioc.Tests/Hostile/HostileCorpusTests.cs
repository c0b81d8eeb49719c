using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Ioc.Tests.Hostile;

/// <summary>
/// The hostile corpus against the real center on Kestrel: every request is answered with a 4xx
/// problem+json (the one its case expects), none with a 500; not one figure of any ward or of the
/// city changes; and no exception reaches the log.
/// </summary>
public sealed class HostileCorpusTests(HostileHost host) : IClassFixture<HostileHost>
{
    public const int MinimumRequests = 5000;

    /// <summary>Every generated and hand-written request, in the order they are sent (accounts last: they lock the test address out).</summary>
    public static List<HostileRequest> Corpus(DateTimeOffset now)
    {
        var telemetry = TextCases.All(now).Concat(TimeCases.All(now)).Concat(ShapeCases.All(now)).Concat(TransportCases.All(now))
            .Concat(HandWrittenCases.All(now)).ToList();
        var accounts = AccountCases.All().ToList();
        var random = RandomCases.All(now, Math.Max(1000, MinimumRequests + 200 - telemetry.Count - accounts.Count));
        return [.. telemetry, .. random, .. accounts];
    }

    [Fact]
    public async Task Every_hostile_request_is_refused_with_problem_json_and_changes_no_figure()
    {
        var city = await HostileCity.Build(host);
        var corpus = Corpus(host.Now);
        Assert.True(corpus.Count >= MinimumRequests, $"{corpus.Count} requests");
        var before = await city.Figures();
        var logsBefore = host.Logs.Entries.Count;

        var slow = Enum.GetValues<SlowBody.Mode>().Select(mode => SlowBody.Send(host.BaseUrl, city.KeyOf("robot"), mode, TestContext.Current.CancellationToken)).ToList();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var largest = 0L;
        var telemetry = corpus.Where(r => r.Category is not ("sign-in-body" or "password-policy" or "cross-site" or "device-key" or "revoked" or "audit" or "guessing")).ToList();
        await Parallel.ForEachAsync(telemetry, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, ct) => await Check(r));
        // The accounts part in order: guessing must come after everything that signs in.
        foreach (var r in corpus.Except(telemetry)) await Check(r);

        foreach (var (mode, answer) in Enum.GetValues<SlowBody.Mode>().Zip(await Task.WhenAll(slow)))
            // A client that hung up its sending side may find the connection closed instead (0): nobody is left to read an answer.
            if (answer.Status != 408 && !(mode == SlowBody.Mode.HalfClose && answer.Status == 0)) failures.Enqueue($"slow body {mode}: {answer.Status} {answer.Response[..Math.Min(300, answer.Response.Length)]}");

        var after = await city.Figures();
        var logged = host.Logs.Entries.Skip(logsBefore).Where(e => e.Exception is not null || e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        var summary = $"{corpus.Count} requests; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; largest body {largest} bytes";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(failures.IsEmpty, $"{failures.Count} wrong answers ({summary}):\n" + string.Join("\n", failures.Take(25)));
        Assert.True(before == after, "figures changed:\n" + FirstDifference(before, after));
        Assert.True(logged.Count == 0, $"{logged.Count} log entries with exceptions or errors:\n"
            + string.Join("\n", logged.Take(5).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}")));
        // One event with 250,000 unknown services answers with 100 errors, not 17 MB.
        Assert.True(largest < 64 * 1024, summary);

        async Task Check(HostileRequest r)
        {
            try
            {
                using var request = city.Build(r);
                using var response = await city.Client.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                InterlockedMax(ref largest, body.LongLength);
                if (!r.Expected.Contains(status))
                    failures.Enqueue($"{r}: {status}, expected {string.Join("/", r.Expected)}: {Text(body)}");
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Enqueue($"{r}: {status} as {response.Content.Headers.ContentType}, not problem+json: {Text(body)}");
                else if (status == 400 && r.Path == "/api/v1/telemetry" && !NamesAField(body))
                    failures.Enqueue($"{r}: a 400 that names no field: {Text(body)}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Enqueue($"{r}: no answer: {e.Message}");
            }
        }
    }

    /// <summary>A telemetry 400 says which event and field (index −1 for the request as a whole).</summary>
    private static bool NamesAField(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            && errors.EnumerateArray().All(e => e.TryGetProperty("index", out _) && e.TryGetProperty("field", out _) && e.TryGetProperty("message", out _));
    }

    private static string FirstDifference(string before, string after)
    {
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at]) at++;
        var from = Math.Max(0, at - 300);
        return $"before …{before[from..Math.Min(before.Length, at + 200)]}\nafter  …{after[from..Math.Min(after.Length, at + 200)]}";
    }

    private static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400));

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public void The_corpus_is_the_same_on_every_run()
    {
        var now = CenterHost.Start;
        var first = Corpus(now).Select(r => $"{r}|{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(r.Body ?? []))}").ToList();
        var second = Corpus(now).Select(r => $"{r}|{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(r.Body ?? []))}").ToList();
        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
    }
}
