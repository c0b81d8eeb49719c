using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ioc.Bench.Ledger;

/// <summary>
/// History lag: one event at a time on a ward nobody else writes, from its 202 to the moment InfluxDB
/// answers a query with it (polled every 20 ms).
/// </summary>
public sealed class LagProbe(Center center, Batches batches, string key, string device, string ward, string influxUrl, string database)
{
    private readonly HttpClient _influx = new() { BaseAddress = new Uri(influxUrl), Timeout = TimeSpan.FromSeconds(10) };

    public async Task<List<double>> Run(TimeSpan during, CancellationToken ct = default)
    {
        var lags = new List<double>();
        var until = DateTime.UtcNow + during;
        while (DateTime.UtcNow < until && !ct.IsCancellationRequested)
        {
            var json = batches.One(device, ward, DateTimeOffset.UtcNow, out var id);
            await center.Post(key, json);
            var acked = Stopwatch.GetTimestamp();
            var q = Uri.EscapeDataString($"SELECT last(\"id\") FROM \"event\" WHERE \"ward\" = '{ward}'");
            while (Stopwatch.GetElapsedTime(acked) < TimeSpan.FromSeconds(30))
            {
                var r = await _influx.GetFromJsonAsync<JsonElement>($"/query?db={database}&q={q}");
                var result = r.GetProperty("results")[0];
                if (result.TryGetProperty("series", out var s) && s[0].GetProperty("values")[0][1].GetString() == id)
                {
                    lags.Add(Stopwatch.GetElapsedTime(acked).TotalMilliseconds);
                    break;
                }
                await Task.Delay(20);
            }
            await Task.Delay(200);
        }
        return lags;
    }
}
