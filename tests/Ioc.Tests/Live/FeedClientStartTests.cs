using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Ioc.Dashboard.Live;
using Ioc.Grains;
using Ioc.Wards;
using NSubstitute;

namespace Ioc.Tests.Live;

/// <summary>How a connection's wall feed starts: one full frame for a delta client, full frames for one that never asks.</summary>
public sealed class FeedClientStartTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly List<string> Codes = WardDirectory.Load("hanoi").All.Select(w => w.Code).ToList();

    private static WardSummary Line(string code, int waiting) => new()
    {
        Code = code, Name = code, Type = "ward", Status = "ok", Day = "2026-11-25", Waiting = waiting,
        Dossiers = new DossierCounts(0, 0, 0, 0, 0, 0, 0),
    };

    private static WallUpdate Start() =>
        WallUpdate.Whole(1, new WallFrame(At, [.. Codes.Select(c => Line(c, 0))], CityTotals.From([.. Codes.Select(c => Line(c, 0))]), 0, 0, 7));

    private static WallUpdate Next(WallUpdate before, string code, int waiting)
    {
        var all = before.Frame.Wards.Select(w => w.Code == code ? Line(code, waiting) : w).ToImmutableArray();
        return before.Apply(new WallDelta(before.Frame.Epoch, before.Frame.Number + 1, At.AddSeconds(before.Frame.Number + 1), [Line(code, waiting)], CityTotals.From(all), 0));
    }

    /// <summary>The frames a connection was sent, as (kind, seq, ward codes); <paramref name="hold"/> decides which sends hang.</summary>
    private sealed class Recorder
    {
        public readonly ConcurrentQueue<(string Kind, long Seq, string[] Codes)> Sent = new();
        public Func<int, Task> Hold = _ => Task.CompletedTask;
        public IIocClient Hub { get; } = Substitute.For<IIocClient>();

        public Recorder()
        {
            Hub.Wall(Arg.Any<SequencedFrame>()).Returns(c => Record("wall", c.Arg<SequencedFrame>()));
            Hub.WallDelta(Arg.Any<SequencedFrame>()).Returns(c => Record("wallDelta", c.Arg<SequencedFrame>()));
        }

        private Task Record(string kind, SequencedFrame f)
        {
            var wards = JsonNode.Parse(f.Body.Json.Span)!["wards"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()).ToArray();
            Sent.Enqueue((kind, f.Seq, wards));
            return Hold(Sent.Count);
        }

        public async Task Until(int count)
        {
            for (var i = 0; i < 400 && Sent.Count < count; i++) await Task.Delay(25);
            Assert.Equal(count, Sent.Count);
        }
    }

    [Fact]
    public async Task A_client_that_asks_for_deltas_before_there_is_a_picture_gets_the_first_update_whole_then_deltas()
    {
        var history = new WallHistory();
        var hub = new Recorder();
        var client = new FeedClient("c1", null, hub.Hub, history);
        var run = client.Run(e => throw e);
        await client.UseDeltas();
        Assert.Empty(hub.Sent);

        var current = Start();
        history.Add(current);
        client.Offer();
        await hub.Until(1);
        history.Add(Next(current, Codes[5], 3));
        client.Offer();
        await hub.Until(2);
        client.Close();
        await run;

        Assert.Equal([("wall", 1L, 126), ("wallDelta", 2L, 1)], hub.Sent.Select(s => (s.Kind, s.Seq, s.Codes.Length)));
        Assert.Equal([Codes[5]], hub.Sent.Last().Codes);
    }

    [Fact]
    public async Task A_client_that_never_asks_for_deltas_gets_a_full_frame_for_every_update()
    {
        var history = new WallHistory();
        var current = Start();
        history.Add(current);
        var hub = new Recorder();
        var client = new FeedClient("c1", null, hub.Hub, history);
        var run = client.Run(e => throw e);
        await hub.Until(1);
        for (var i = 0; i < 3; i++)
        {
            current = Next(current, Codes[i], i + 1);
            history.Add(current);
            client.Offer();
            await hub.Until(i + 2);
        }
        client.Close();
        await run;

        Assert.Equal([1L, 2, 3, 4], hub.Sent.Select(s => s.Seq));
        Assert.All(hub.Sent, s => Assert.Equal(("wall", 126), (s.Kind, s.Codes.Length)));
    }

    [Fact]
    public async Task A_delta_client_whose_first_frame_is_slow_to_get_through_then_gets_one_delta_for_all_it_missed()
    {
        var history = new WallHistory();
        var current = Start();
        history.Add(current);
        var slow = new TaskCompletionSource();
        var hub = new Recorder { Hold = n => n == 1 ? slow.Task : Task.CompletedTask };
        var client = new FeedClient("c1", null, hub.Hub, history);
        var run = client.Run(e => throw e);
        var switched = client.UseDeltas();
        await hub.Until(1);
        // While the full frame hangs: the switch and twelve updates over three wards wait behind it.
        for (var i = 0; i < 12; i++)
        {
            current = Next(current, Codes[i % 3], 10 + i);
            history.Add(current);
            client.Offer();
        }
        Assert.False(switched.IsCompleted);
        slow.SetResult();
        await switched;
        await hub.Until(2);
        client.Close();
        await run;

        Assert.Equal([("wall", 1L), ("wallDelta", 2L)], hub.Sent.Select(s => (s.Kind, s.Seq)));
        Assert.Equal(Codes[..3].Order(), hub.Sent.Last().Codes.Order());
    }

    [Fact]
    public async Task A_delta_client_that_fell_further_behind_than_the_kept_updates_gets_a_full_frame_and_the_sequence_goes_on()
    {
        var history = new WallHistory();
        var current = Start();
        history.Add(current);
        var slow = new TaskCompletionSource();
        var hub = new Recorder { Hold = n => n == 2 ? slow.Task : Task.CompletedTask };
        var client = new FeedClient("c1", null, hub.Hub, history);
        var run = client.Run(e => throw e);
        await client.UseDeltas();
        current = Next(current, Codes[0], 1);
        history.Add(current);
        client.Offer();
        await hub.Until(2);
        // The delta hangs while a hundred updates go by: more than the process keeps.
        for (var i = 0; i < 100; i++)
        {
            current = Next(current, Codes[1 + i % 5], 10 + i);
            history.Add(current);
            client.Offer();
        }
        slow.SetResult();
        await hub.Until(3);
        current = Next(current, Codes[7], 5);
        history.Add(current);
        client.Offer();
        await hub.Until(4);
        client.Close();
        await run;

        Assert.Equal([("wall", 1L, 126), ("wallDelta", 2L, 1), ("wall", 3L, 126), ("wallDelta", 4L, 1)], hub.Sent.Select(s => (s.Kind, s.Seq, s.Codes.Length)));
    }
}
