using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Ioc.Dashboard.Live;
using Ioc.Grains;
using Ioc.Wards;
using NSubstitute;

namespace Ioc.Tests.Live;

/// <summary>One connection's wall feed when the connection is slow (the hub client replaced at its seam).</summary>
public sealed class FeedClientTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static WardSummary Line(string code, int waiting) => new()
    {
        Code = code, Name = code, Type = "ward", Status = "ok", Day = "2026-11-25", Waiting = waiting,
        Dossiers = new DossierCounts(0, 0, 0, 0, 0, 0, 0),
    };

    private static WallDelta Delta(WallUpdate before, params WardSummary[] changed)
    {
        var all = before.Frame.Wards.Select(w => changed.FirstOrDefault(c => c.Code == w.Code) ?? w).ToImmutableArray();
        return new WallDelta(before.Frame.Epoch, before.Frame.Number + 1, At.AddSeconds(before.Frame.Number + 1), [.. changed], CityTotals.From(all), 0);
    }

    [Fact]
    public async Task A_connection_that_fell_behind_gets_one_delta_of_every_ward_changed_meanwhile_and_the_sequence_goes_on()
    {
        var codes = WardDirectory.Load("hanoi").All.Select(w => w.Code).ToList();
        var frame = new WallFrame(At, [.. codes.Select(c => Line(c, 0))], CityTotals.From([.. codes.Select(c => Line(c, 0))]), 0, 0, 7);
        var current = WallUpdate.Whole(1, frame);
        var sent = new ConcurrentQueue<(string Kind, JsonObject Body)>();
        var slow = new TaskCompletionSource();
        var hub = Substitute.For<IIocClient>();
        hub.Wall(Arg.Any<SequencedFrame>()).Returns(c => Record("wall", c.Arg<SequencedFrame>()));
        hub.WallDelta(Arg.Any<SequencedFrame>()).Returns(c => Record("wallDelta", c.Arg<SequencedFrame>()));
        Task Record(string kind, SequencedFrame f)
        {
            var body = JsonNode.Parse(f.Body.Json.Span)!.AsObject();
            body["seq"] = f.Seq;
            sent.Enqueue((kind, body));
            // The first delta does not get through for a while: the connection is slow.
            return kind == "wallDelta" && sent.Count(s => s.Kind == "wallDelta") == 1 ? slow.Task : Task.CompletedTask;
        }
        var history = new WallHistory();
        history.Add(current);
        var client = new FeedClient("c1", null, hub, history);
        var run = client.Run(e => throw e);
        var switched = client.UseDeltas();

        async Task Until(Func<bool> done)
        {
            for (var i = 0; i < 400 && !done(); i++) await Task.Delay(25);
            Assert.True(done());
        }
        await switched;
        // The frame sent at connect is the one full frame: the deltas go on from it.
        Assert.Equal(["wall"], sent.Select(s => s.Kind));

        current = current.Apply(Delta(current, Line(codes[0], 1)));
        history.Add(current);
        client.Offer();
        await Until(() => sent.Count == 2);
        // While it hangs, twelve more frames: wards 1, 2 and 3 change in turn.
        for (var i = 0; i < 12; i++)
        {
            current = current.Apply(Delta(current, Line(codes[1 + i % 3], 10 + i)));
            history.Add(current);
            client.Offer();
        }
        slow.SetResult();
        await Until(() => sent.Count == 3);
        current = current.Apply(Delta(current, Line(codes[0], 2)));
        history.Add(current);
        client.Offer();
        await Until(() => sent.Count == 4);
        client.Close();
        await run;

        var frames = sent.ToList();
        Assert.Equal(["wall", "wallDelta", "wallDelta", "wallDelta"], frames.Select(f => f.Kind));
        Assert.Equal([1L, 2, 3, 4], frames.Select(f => f.Body["seq"]!.GetValue<long>()));
        var caughtUp = frames[2].Body;
        // Each of the three wards once, as it is after the last of the twelve frames.
        var lines = caughtUp["wards"]!.AsArray().ToDictionary(w => w!["code"]!.GetValue<string>(), w => w!["waiting"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { [codes[1]] = 19, [codes[2]] = 20, [codes[3]] = 21 }, lines);
        Assert.Equal(19 + 20 + 21 + 1, caughtUp["totals"]!["waiting"]!.GetValue<int>());
        Assert.Equal([codes[0]], frames[3].Body["wards"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()));
    }
}
