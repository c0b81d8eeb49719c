using System.Collections.Concurrent;
using System.Text.Json;
using Ioc.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Live;

/// <summary>The SignalR feed of api-v1 through a real connection.</summary>
public sealed class LiveFeedTests(CenterHost host) : IClassFixture<CenterHost>
{
    private sealed class Listener : IAsyncDisposable
    {
        public HubConnection Connection { get; }
        public ConcurrentQueue<JsonElement> Walls { get; } = new();
        public ConcurrentQueue<JsonElement> Wards { get; } = new();
        public ConcurrentQueue<JsonElement> Alerts { get; } = new();

        public Listener(CenterHost host, string token)
        {
            Connection = new HubConnectionBuilder()
                .WithUrl(new Uri(host.Http.BaseAddress!, "/hubs/ioc"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            Connection.On<JsonElement>("wall", f => Walls.Enqueue(f));
            Connection.On<JsonElement>("ward", f => Wards.Enqueue(f));
            Connection.On<JsonElement>("alert", a => Alerts.Enqueue(a));
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private static async Task<T> Until<T>(Func<T?> probe, string what, int ms = 10_000) where T : struct
    {
        var until = DateTime.UtcNow.AddMilliseconds(ms);
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } v) return v;
            await Task.Delay(25);
        }
        throw new TimeoutException($"no {what} within {ms} ms");
    }

    private static int Waiting(JsonElement frame, string ward) =>
        frame.GetProperty("wards").EnumerateArray().Single(w => w.GetProperty("code").GetString() == ward).GetProperty("waiting").GetInt32();

    [Fact]
    public async Task A_city_client_gets_a_full_frame_on_connect_and_a_new_one_when_an_event_changes_a_ward()
    {
        await using var city = new Listener(host, await host.AdminToken());
        await city.Connection.StartAsync();
        var first = await Until<JsonElement>(() => city.Walls.TryPeek(out var f) ? f : null, "frame on connect");
        Assert.Equal(126, first.GetProperty("wards").GetArrayLength());
        Assert.Equal(126, first.GetProperty("totals").GetProperty("wards").GetInt32());

        var key = await host.Provision("live-kiosk", "kiosk", "00199");
        await host.PostTelemetry(key, Issued("live-kiosk", "00199", host.Now, "L001", "ho-tich", "kiosk"));
        var changed = await Until<JsonElement>(() => city.Walls.FirstOrDefault(f => Waiting(f, "00199") == 1) is { ValueKind: JsonValueKind.Object } f ? f : null, "frame with the new ticket");
        Assert.True(changed.GetProperty("totals").GetProperty("waiting").GetInt32() >= 1);
        // A client that never asked for deltas gets whole frames, numbered 1, 2, 3 … on its connection.
        Assert.Equal(126, changed.GetProperty("wards").GetArrayLength());
        Assert.Equal(Enumerable.Range(1, city.Walls.Count).Select(i => (long)i), city.Walls.Select(f => f.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task A_ward_chief_sees_only_their_ward_cannot_watch_another_and_gets_only_their_alerts()
    {
        await host.CreateUser("chief.live", "chief-password-2", "ward-chief", "00229");
        await using var chief = new Listener(host, await host.TokenFor("chief.live", "chief-password-2"));
        await chief.Connection.StartAsync();
        var frame = await Until<JsonElement>(() => chief.Walls.TryPeek(out var f) ? f : null, "frame on connect");
        Assert.Equal("00229", frame.GetProperty("wards").EnumerateArray().Single().GetProperty("code").GetString());

        await Assert.ThrowsAsync<HubException>(() => chief.Connection.InvokeAsync("WatchWard", "00235"));
        await chief.Connection.InvokeAsync("WatchWard", "00229");
        var detail = await Until<JsonElement>(() => chief.Wards.TryPeek(out var d) ? d : null, "ward frame");
        Assert.Equal("00229", detail.GetProperty("code").GetString());
        Assert.True(detail.TryGetProperty("counters", out _));

        var dvc = await host.Provision("live-dvc", "dossier-system", "", ["00229", "00235"]);
        await host.PostTelemetry(dvc,
            Received("live-dvc", "00235", host.Now, "HS-X", host.Now.AddSeconds(-1)),
            Received("live-dvc", "00229", host.Now, "HS-Y", host.Now.AddSeconds(-1)));
        var own = await Until<JsonElement>(() => chief.Alerts.FirstOrDefault(a => a.GetProperty("kind").GetString() == "dossier-overdue") is { ValueKind: JsonValueKind.Object } a ? a : null, "own alert");
        Assert.Equal("00229", own.GetProperty("ward").GetString());
        await Task.Delay(500);
        Assert.All(chief.Alerts, a => Assert.Equal("00229", a.GetProperty("ward").GetString()));
        Assert.All(chief.Walls, f => Assert.Single(f.GetProperty("wards").EnumerateArray()));
    }

    [Fact]
    public async Task Anonymous_clients_cannot_connect()
    {
        var anonymous = new HubConnectionBuilder().WithUrl(new Uri(host.Http.BaseAddress!, "/hubs/ioc")).Build();
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e.StatusCode);
    }
}
