using System.Net;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Simulator.Runtime;
using Ioc.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.Simulator.Tests;

public sealed class HttpTests
{
    private static HttpClient Client(FakeCenter center) => new(center, disposeHandler: false) { BaseAddress = new Uri("http://center.test/") };

    private static IocApiClient Api(FakeCenter center, int concurrency = 4) =>
        new(Client(center), "admin", center.Password, concurrency, TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task Provisioning_an_existing_device_rotates_its_key()
    {
        var center = new FakeCenter();
        center.PreProvision("sim-00004-c1", "counter", "00004");
        var api = Api(center);
        Assert.True(await api.TryAuthenticateAsync(TestContext.Current.CancellationToken));

        var key = await api.ProvisionAsync(new DeviceSpec("sim-00004-c1", "counter", "00004"), TestContext.Current.CancellationToken);
        Assert.StartsWith("iocd_", key);
        Assert.Equal(["sim-00004-c1"], center.Rotated);
        Assert.Empty(center.Created);

        var fresh = await api.ProvisionAsync(new DeviceSpec("sim-00004-k1", "kiosk", "00004"), TestContext.Current.CancellationToken);
        Assert.Equal(["sim-00004-k1"], center.Created);

        var system = await api.ProvisionAsync(new DeviceSpec(CityLayout.DossierSystemId, "dossier-system", null, ["00004", "00008"]), TestContext.Current.CancellationToken);
        Assert.Contains(CityLayout.DossierSystemId, center.Created);
        Assert.Empty(center.Problems);

        // The rotated key works for telemetry; the old one is gone.
        var e = new SimEvent { Type = "ticket.called", Id = "x1", DeviceId = "sim-00004-c1", Ward = "00004", Ts = DateTimeOffset.UtcNow, Ticket = "A001", Counter = "1" };
        var ok = await api.PostTelemetryAsync(key, TelemetryJson.SerializeBatch([e]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, ok.Status);
        Assert.Equal(1, ok.Accepted);
        var old = await api.PostTelemetryAsync("old-key-sim-00004-c1", TelemetryJson.SerializeBatch([e]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.NotEqual(fresh, system);
    }

    [Fact]
    public async Task The_runner_provisions_every_device_retries_the_same_batch_and_keeps_batches_to_their_device()
    {
        var center = new FakeCenter { Unavailable = [1, 2, 3, 10, 20, 30, 40], TooMany = [5, 15] };
        center.PreProvision("sim-00004-c1", "counter", "00004");
        center.PreProvision(CityLayout.DossierSystemId, "dossier-system", [.. Ioc.Wards.WardDirectory.Load("hanoi").All.Select(w => w.Code)]);
        var dir = Path.Combine(Path.GetTempPath(), "ioc-sim-http-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Retries are what this test follows; the network's own repeats are tested below.
            var (runner, options) = await RunAtMorningPeak(center, dir, NetworkOptions.Perfect,
                () => center.Calls.Count(c => c.Answer == HttpStatusCode.Accepted) > 2000 && center.Calls.Any(c => c.Events.Any(e => e.GetProperty("type").GetString() == "ticket.called")));
            var layout = CityLayout.Build(SimulationSettings.From(options));

            // Every device of the layout was provisioned: created, or rotated when it existed.
            Assert.Equal(layout.Devices.Count, center.Created.Count + center.Rotated.Count);
            Assert.Contains("sim-00004-c1", center.Rotated);
            Assert.Contains(CityLayout.DossierSystemId, center.Rotated);

            var calls = center.Calls.ToList();
            Assert.Empty(center.Problems);
            Assert.DoesNotContain(calls, c => c.Answer is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest);

            // Every batch carries only the key's device, and a ward that device may write.
            foreach (var call in calls)
            {
                var spec = layout.DeviceById[call.KeyDevice!];
                Assert.InRange(call.Events.Count, 1, 5000);
                Assert.All(call.Events, e =>
                {
                    Assert.Equal(spec.DeviceId, e.GetProperty("deviceId").GetString());
                    Assert.True(spec.CanWrite(e.GetProperty("ward").GetString()!));
                });
            }

            // A refused batch (503/429) is sent again with the same ids, and is then accepted.
            var refused = calls.Where(c => c.Answer is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(9, refused.Count);
            foreach (var r in refused)
            {
                var ids = r.Events.Select(e => e.GetProperty("id").GetString()).ToList();
                var retry = calls.SkipWhile(c => c != r).Skip(1).FirstOrDefault(c => c.KeyDevice == r.KeyDevice);
                Assert.NotNull(retry);
                Assert.Equal(ids, retry.Events.Select(e => e.GetProperty("id").GetString()).ToList());
                Assert.Equal(r.Body, retry.Body);
            }
            var acceptedIds = calls.Where(c => c.Answer == HttpStatusCode.Accepted).SelectMany(c => c.Events).Select(e => e.GetProperty("id").GetString()).ToList();
            Assert.Equal(acceptedIds.Count, acceptedIds.Distinct().Count());

            // Heartbeats of counters and robots, tickets from robots/kiosks, dossiers from the dossier system.
            var types = calls.SelectMany(c => c.Events).Select(e => e.GetProperty("type").GetString()).ToHashSet();
            Assert.Contains("counter.state", types);
            Assert.Contains("robot.state", types);
            Assert.Contains("ticket.issued", types);
            Assert.Contains("dossier.received", types);
            Assert.True(runner.Stats.Accepted > 0);
            Assert.Equal(0, runner.Stats.Dropped);

            // The pending schedule was saved on stop.
            var saved = new SimulatorStateStore(dir, NullLogger.Instance).Load();
            Assert.NotNull(saved);
            Assert.NotEmpty(saved.Dossiers);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_runner_posts_the_networks_repeats_with_the_same_ids_and_late_batches_after_later_ones()
    {
        var center = new FakeCenter();
        var dir = Path.Combine(Path.GetTempPath(), "ioc-sim-net-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (runner, _) = await RunAtMorningPeak(center, dir, new NetworkOptions { LateShare = 0.3, ReorderShare = 0, RepeatShare = 1, MaxDelaySeconds = 600 },
                () => center.Calls.Count(c => c.Answer == HttpStatusCode.Accepted) >= 2000 && Overtaken(center) > 0);

            var calls = center.Calls.Where(c => c.Answer == HttpStatusCode.Accepted).ToList();
            Assert.True(calls.Count >= 1000, $"only {calls.Count} posts");
            // Every batch goes twice with the same body and ids. The repeats of the last batches may not
            // have gone when the runner stopped; those of the first half had long been due.
            var byBody = calls.GroupBy(c => c.Body).ToList(); // in order of first post
            Assert.All(byBody, g => Assert.InRange(g.Count(), 1, 2));
            var firstHalf = byBody.Take(byBody.Count / 2).ToList();
            Assert.True(firstHalf.Count(g => g.Count() == 2) >= 0.9 * firstHalf.Count, $"{firstHalf.Count(g => g.Count() == 2)} of {firstHalf.Count} early batches repeated");
            Assert.True(runner.Stats.Duplicates > 0);
            Assert.Equal(0, runner.Stats.Dropped);

            // Late batches reach the center after later batches of the same device.
            Assert.True(Overtaken(center) > 0, "no batch arrived after a later one of its device");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Accepted batches that reached the center after a batch of the same device with only later events.</summary>
    private static int Overtaken(FakeCenter center)
    {
        static DateTimeOffset Ts(System.Text.Json.JsonElement e) => DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return center.Calls.Where(c => c.Answer == HttpStatusCode.Accepted).GroupBy(c => c.KeyDevice).Sum(g =>
        {
            var firsts = g.DistinctBy(c => c.Body).Select(c => (Min: c.Events.Min(Ts), Max: c.Events.Max(Ts))).ToList();
            var latestMin = DateTimeOffset.MinValue;
            var count = 0;
            foreach (var b in firsts)
            {
                if (latestMin > b.Max) count++;
                if (b.Min > latestMin) latestMin = b.Min;
            }
            return count;
        });
    }

    /// <summary>The runner at 300× from Monday 08:55 (the replay of the night, then the morning peak) until <paramref name="done"/> or 60 s.</summary>
    private static async Task<(SimulatorRunner Runner, SimulatorOptions Options)> RunAtMorningPeak(FakeCenter center, string dir, NetworkOptions network, Func<bool> done)
    {
        var options = new SimulatorOptions
        {
            BaseUrl = "http://center.test",
            AdminPassword = center.Password,
            HeartbeatSeconds = 1,
            FlushSeconds = 0.25,
            DataPath = dir,
            Network = network,
        };
        var clock = new IocClock(TimeProvider.System, 300, DayModelTests.At(DayModelTests.Monday, 8, 55));
        var runner = new SimulatorRunner(options, clock, Api(center, options.MaxConcurrentRequests), NullLogger.Instance, new SimulatorStateStore(dir, NullLogger.Instance));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = runner.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !done() && !run.IsCompleted)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        cts.Cancel();
        await run;
        return (runner, options);
    }

    [Fact]
    public async Task The_hosted_worker_waits_for_BaseUrl_and_password_then_runs()
    {
        var center = new FakeCenter();
        var dir = Path.Combine(Path.GetTempPath(), "ioc-sim-host-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ioc:DataPath"] = dir,
                ["Ioc:Simulator:HeartbeatSeconds"] = "1",
                ["Ioc:Simulator:FlushSeconds"] = "0.25",
            });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(new IocClock(TimeProvider.System, 60, DayModelTests.At(DayModelTests.Monday, 9)));
            builder.Services.AddIocSimulator(builder.Configuration, _ => center);
            using var host = builder.Build();
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>().Value;
            Assert.Equal(Path.Combine(dir, "simulator"), options.DataPath);
            Assert.True(options.Enabled);
            Assert.Equal(20250701, options.Seed);

            await host.StartAsync(TestContext.Current.CancellationToken);
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            Assert.Equal(0, center.TokenRequests); // nothing to talk to yet
            Assert.Empty(center.Calls);

            // The host fills the connection late, as the embedded web host does once it listens.
            builder.Configuration["Ioc:Simulator:BaseUrl"] = "http://center.test";
            builder.Configuration["Ioc:Simulator:AdminPassword"] = center.Password;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !center.Calls.Any(c => c.Answer == HttpStatusCode.Accepted))
                await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.Contains(center.Calls, c => c.Answer == HttpStatusCode.Accepted);
            await host.StopAsync(TestContext.Current.CancellationToken);
            Assert.True(File.Exists(Path.Combine(dir, "simulator", SimulatorStateStore.FileName)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("Ioc:Simulator:Scenario", "tuesday", "Ioc:Simulator:Scenario must be one of normal, monday-surge")]
    [InlineData("Ioc:Simulator:Network:LateShare", "1.5", "Ioc:Simulator:Network")]
    public async Task A_host_with_an_unknown_scenario_or_bad_network_shares_does_not_start_and_says_why(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value, ["Ioc:DataPath"] = Path.GetTempPath() });
        builder.Logging.ClearProviders();
        builder.Services.AddIocSimulator(builder.Configuration, _ => new FakeCenter());
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Standalone_clock_reads_speed_and_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ioc:Clock:Speed"] = "60",
            ["Ioc:Clock:Start"] = "07:30",
        }).Build();
        var clock = SimulatorProgram.CreateClock(config, TimeProvider.System);
        Assert.Equal(60, clock.Speed);
        var local = HanoiTime.ToLocal(clock.AnchorBusiness);
        Assert.Equal(new TimeSpan(7, 30, 0), local.TimeOfDay);
        Assert.Equal(HanoiTime.DayOf(DateTimeOffset.UtcNow), HanoiTime.DayOf(clock.AnchorBusiness));

        var plain = SimulatorProgram.CreateClock(new ConfigurationBuilder().Build(), TimeProvider.System);
        Assert.Equal(1, plain.Speed);
        Assert.False(plain.IsScaled);
    }
}
