using Ioc.Simulator.Model;
using Ioc.Simulator.Network;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Tests;

/// <summary>
/// The simulated network delivers every event at least once; some batches late, some overtaken by
/// the device's next batch, some twice with the same ids, in the shares configured.
/// </summary>
public sealed class NetworkTests
{
    private static readonly DateOnly Day = Days.Monday;

    public static TheoryData<double, double, double> Shares => new() { { 0.05, 0.05, 0.02 }, { 0.2, 0.1, 0.1 } };

    private static SimulatedDay Run(NetworkOptions network) => SimulatedDay.Run(Days.Layout(), Day, network);

    [Fact]
    public void Every_event_is_delivered_at_least_once_and_a_repeat_carries_the_same_ids()
    {
        var day = Days.Of(SimulatorScenario.Normal, Day);
        var ids = day.Events.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var delivered = day.Deliveries.SelectMany(d => d.Events).GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), delivered.Keys.Order(StringComparer.Ordinal));
        Assert.All(delivered.Values, n => Assert.InRange(n, 1, 2));

        var firsts = day.Deliveries.Where(d => d.Kind != DeliveryKind.Repeat).ToList();
        var repeats = day.Deliveries.Where(d => d.Kind == DeliveryKind.Repeat).ToList();
        Assert.NotEmpty(repeats);
        foreach (var r in repeats)
        {
            var first = firsts.Single(d => d.DeviceId == r.DeviceId && d.Events.Select(e => e.Id).SequenceEqual(r.Events.Select(e => e.Id)));
            Assert.InRange((r.At - first.At).TotalSeconds, 1, 30.01);
        }
        // Deliveries are in delivery order and every batch holds one device's events only.
        for (var i = 1; i < day.Deliveries.Count; i++) Assert.True(day.Deliveries[i].At >= day.Deliveries[i - 1].At);
        Assert.All(day.Deliveries, d => Assert.All(d.Events, e => Assert.Equal(d.DeviceId, e.DeviceId)));
        Assert.All(day.Deliveries, d => Assert.InRange(d.Events.Count, 1, DeviceBatches.MaxEvents));
    }

    [Theory]
    [MemberData(nameof(Shares))]
    public void Late_reordered_and_repeated_shares_are_as_configured(double late, double reorder, double repeat)
    {
        var options = new NetworkOptions { LateShare = late, ReorderShare = reorder, RepeatShare = repeat, MaxDelaySeconds = 300 };
        var day = late == 0.05 ? Days.Of(SimulatorScenario.Normal, Day) : Run(options);
        var batches = day.Deliveries.Where(d => d.Kind != DeliveryKind.Repeat).ToList();
        double Share(Func<Delivery, bool> p) => batches.Count(p) / (double)batches.Count;
        double Delay(Delivery d) => (d.At - d.SentAt).TotalSeconds;

        // From the times alone: how long after sending, and whether a later-sent batch of the device arrived first.
        var overtaken = new HashSet<Delivery>(ReferenceEqualityComparer.Instance);
        foreach (var g in batches.GroupBy(d => d.DeviceId))
        {
            var bySent = g.OrderBy(d => d.SentAt).ToList();
            var earliestLater = DateTimeOffset.MaxValue;
            for (var i = bySent.Count - 1; i >= 0; i--)
            {
                if (earliestLater < bySent[i].At) overtaken.Add(bySent[i]);
                if (bySent[i].At < earliestLater) earliestLater = bySent[i].At;
            }
        }
        var delayed = Share(d => Delay(d) >= NetworkModel.LateAfterSeconds);
        var repeated = day.Deliveries.Count(d => d.Kind == DeliveryKind.Repeat) / (double)batches.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"{batches.Count} batches: {delayed:P1} delivered ≥5 s late, {overtaken.Count / (double)batches.Count:P1} overtaken, {repeated:P1} repeated");
        Assert.InRange(delayed, late + 0.8 * reorder - 0.01, late + reorder + 0.01);
        // A held batch goes right after the device's next one, if that comes within the longest hold (300 s).
        var followed = batches.GroupBy(d => d.DeviceId).Sum(g =>
        {
            var sent = g.Select(d => d.SentAt).Order().ToList();
            return sent.Zip(sent.Skip(1), (a, b) => (b - a).TotalSeconds < 298).Count(x => x);
        }) / (double)batches.Count;
        Assert.InRange(overtaken.Count / (double)batches.Count, reorder * followed - 0.01, reorder * followed + late);
        Assert.InRange(repeated, repeat * 0.8, repeat * 1.2);

        // What each kind says holds in the times, and the kinds come in the shares configured.
        Assert.InRange(Share(d => d.Kind == DeliveryKind.Late), late * 0.85, late * 1.15);
        Assert.InRange(Share(d => d.Kind == DeliveryKind.Reordered), reorder * 0.85, reorder * 1.15);
        Assert.All(batches.Where(d => d.Kind == DeliveryKind.OnTime), d => Assert.InRange(Delay(d), 0, NetworkModel.OnTimeWithinSeconds));
        Assert.All(batches.Where(d => d.Kind == DeliveryKind.Late), d => Assert.InRange(Delay(d), NetworkModel.LateAfterSeconds - 0.001, 300));
        Assert.All(batches.Where(d => d.Kind == DeliveryKind.Reordered), d => Assert.True(overtaken.Contains(d) || Math.Abs(Delay(d) - 300) < 0.01, $"{d.DeviceId} reordered but not overtaken"));
        Assert.All(batches, d => Assert.InRange(Delay(d), 0, 300)); // nothing is held longer than the longest delay
    }

    [Fact]
    public void A_perfect_network_delivers_each_batch_once_on_time_in_the_order_sent()
    {
        var day = Run(NetworkOptions.Perfect);
        Assert.All(day.Deliveries, d => Assert.Equal(DeliveryKind.OnTime, d.Kind));
        Assert.Equal(day.Events.Count, day.Deliveries.Sum(d => d.Events.Count));
        foreach (var g in day.Deliveries.GroupBy(d => d.DeviceId))
        {
            var ts = g.SelectMany(d => d.Events).Select(e => e.Ts).ToList();
            Assert.Equal(ts.Order(), ts);
        }
    }

    [Fact]
    public void The_network_is_deterministic_for_a_seed()
    {
        IEnumerable<Delivery> Deliver(int seed)
        {
            var net = new NetworkModel(new NetworkOptions { LateShare = 0.3, ReorderShare = 0.3, RepeatShare = 0.3 }, seed);
            var t0 = WorkCalendar.At(Day, TimeSpan.FromHours(9));
            for (var i = 0; i < 200; i++)
            {
                var device = $"sim-0000{i % 4}-c1";
                net.Send(device, [Rating(device, t0 + TimeSpan.FromSeconds(i * 7), $"r{i}")], t0 + TimeSpan.FromSeconds(i * 7));
            }
            return net.TakeAll();
        }
        string Key(IEnumerable<Delivery> ds) => string.Join(";", ds.Select(d => $"{d.At.UtcTicks}:{d.Kind}:{string.Join(",", d.Events.Select(e => e.Id))}"));
        Assert.Equal(Key(Deliver(1)), Key(Deliver(1)));
        Assert.NotEqual(Key(Deliver(1)), Key(Deliver(2)));
        Assert.Equal(200, Deliver(1).SelectMany(d => d.Events).Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void A_rating_timed_23_59_50_can_arrive_after_midnight_and_still_belongs_to_its_day()
    {
        var ts = WorkCalendar.At(Day, new TimeSpan(23, 59, 50));
        var net = new NetworkModel(new NetworkOptions { LateShare = 1, ReorderShare = 0, RepeatShare = 0, MaxDelaySeconds = 120 }, 7);
        net.Send("sim-00004-k1", [Rating("sim-00004-k1", ts, "late-rating")], ts);
        Assert.Empty(net.TakeDue(ts + TimeSpan.FromSeconds(4)));
        var d = Assert.Single(net.TakeAll());
        Assert.Equal(DeliveryKind.Late, d.Kind);
        Assert.Equal(Day.AddDays(1), HanoiTime.DayOf(d.At)); // delivered after midnight
        Assert.Equal(Day, HanoiTime.DayOf(Assert.Single(d.Events).Ts)); // counts for the day of its ts

        // A whole day has app ratings up to midnight, and some of the day's events arrive after it.
        var day = Days.Of(SimulatorScenario.Normal, Day);
        Assert.Contains(day.Events, e => e.Type == EventTypes.RatingSubmitted && WorkCalendar.TimeOfDay(e.Ts) >= new TimeSpan(23, 55, 0));
        Assert.Contains(day.Deliveries, x => HanoiTime.DayOf(x.At) == Day.AddDays(1) && x.Events.All(e => HanoiTime.DayOf(e.Ts) == Day));
    }

    [Theory]
    [InlineData(1.5, 0, 0, 300, "LateShare")]
    [InlineData(0, -0.1, 0, 300, "ReorderShare")]
    [InlineData(0, 0, 2, 300, "RepeatShare")]
    [InlineData(0.7, 0.5, 0, 300, "LateShare + ReorderShare")]
    [InlineData(0.1, 0, 0, 1, "MaxDelaySeconds")]
    public void Options_out_of_range_are_refused_naming_the_key(double late, double reorder, double repeat, double maxDelay, string key)
    {
        var options = new NetworkOptions { LateShare = late, ReorderShare = reorder, RepeatShare = repeat, MaxDelaySeconds = maxDelay };
        Assert.Contains("Ioc:Simulator:Network:" + key, options.Problem());
        Assert.Throws<ArgumentException>(() => new NetworkModel(options, 1));
        Assert.Null(new NetworkOptions().Problem());
    }

    private static SimEvent Rating(string device, DateTimeOffset ts, string id) => new()
    {
        Type = EventTypes.RatingSubmitted,
        Id = id,
        DeviceId = device,
        Ward = device[4..9],
        Ts = ts,
        Score = 5,
    };
}
