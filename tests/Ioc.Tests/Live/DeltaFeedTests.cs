using System.Text.Json.Nodes;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Live;

/// <summary>
/// api-v1 "Live feed: deltas" through real SignalR clients (JSON and MessagePack) against the
/// center on Kestrel: seq per connection, UseDeltas, wallDelta with only the changed wards,
/// RequestFull after a gap, a reconnect, a ward chief's cut feed.
/// </summary>
public sealed class DeltaFeedTests(CenterHost host) : IClassFixture<CenterHost>
{
    public static readonly TheoryData<string> Protocols = ["json", "messagepack"];
    private static int _tickets;

    private async Task<FeedListener> Connect(string protocol, string? token = null)
    {
        var listener = new FeedListener(host, token ?? await host.AdminToken(), protocol == "messagepack");
        await listener.Start();
        return listener;
    }

    /// <summary>One more citizen waiting in the ward (a ticket from a kiosk of that ward).</summary>
    private async Task Issue(string ward)
    {
        var kiosk = $"delta-kiosk-{ward}-{_run}";
        if (!_keys.TryGetValue(kiosk, out var key)) _keys[kiosk] = key = await host.Provision(kiosk, "kiosk", ward);
        await host.PostAccepted(key, Issued(kiosk, ward, host.Now, $"D{Interlocked.Increment(ref _tickets):000}", "ho-tich", "kiosk"));
    }

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    /// <summary>Calls UseDeltas and returns the full frame the deltas go on from: when the call returns it has arrived.</summary>
    private static async Task<FeedListener.Frame> UseDeltas(FeedListener listener)
    {
        await listener.UseDeltas();
        await listener.WaitFor(f => f.Kind == "wall", what: "a full frame before UseDeltas returned", ms: 5_000);
        return listener.Frames.Last(f => f.Kind == "wall");
    }

    /// <summary>Every wall and wallDelta frame of the connection so far: 1, 2, 3 …</summary>
    private static void AssertConsecutive(FeedListener listener) =>
        Assert.Equal(Enumerable.Range(1, listener.Frames.Count(f => f.IsWallFrame)).Select(i => (long)i), listener.Frames.Where(f => f.IsWallFrame).Select(f => f.Seq));

    private static JsonObject WithoutSeq(JsonObject body)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove("seq");
        return copy;
    }

    private static Func<FeedListener.Frame, bool> DeltaWith(string ward, int waiting) =>
        f => f.Kind == "wallDelta" && f.Ward(ward)?["waiting"]?.GetValue<int>() == waiting;

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task UseDeltas_gives_one_full_frame_then_deltas_with_consecutive_seq_holding_only_the_wards_that_changed(string protocol)
    {
        // A delta client as one is written: UseDeltas right after connecting, before any frame came.
        await using var wall = await Connect(protocol);
        var full = await UseDeltas(wall);
        Assert.Equal(1, full.Seq);
        Assert.Equal(126, full.Wards.Count);

        var picture = new WallPicture();
        foreach (var f in wall.Frames.Where(f => f.IsWallFrame && f.Index <= full.Index)) picture.Take(f);
        var before = (A: picture.Waiting("00004"), B: picture.Waiting("00008"));

        await Issue("00004");
        var first = await wall.WaitFor(DeltaWith("00004", before.A + 1), full.Index + 1, "delta with 00004");
        await Issue("00008");
        await Issue("00008");
        var second = await wall.WaitFor(DeltaWith("00008", before.B + 2), first.Index + 1, "delta with 00008");

        // One full frame in all (not one at connect and another after UseDeltas), then deltas only.
        Assert.Single(wall.Frames, f => f.Kind == "wall");
        var frames = wall.Frames.Where(f => f.IsWallFrame && f.Index > full.Index && f.Index <= second.Index).ToList();
        Assert.All(frames, f => Assert.Equal("wallDelta", f.Kind));
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => full.Seq + 1 + i), frames.Select(f => f.Seq));
        foreach (var delta in frames)
        {
            // Every line a delta holds differs from what the client had, and the strip adds up
            // over the client's own picture of all 126 wards.
            foreach (var line in delta.Wards)
                Assert.False(JsonNode.DeepEquals(picture.Wards[line!["code"]!.GetValue<string>()], line), $"unchanged ward {line["code"]} in delta #{delta.Seq}");
            Assert.True(delta.Wards.Count < 126);
            Assert.True(picture.Take(delta));
            Assert.Equal(picture.Wards.Values.Sum(w => w["waiting"]!.GetValue<int>()), delta.Body["totals"]!["waiting"]!.GetValue<int>());
            Assert.Equal(picture.Wards.Values.Sum(w => w["alertsOpen"]!.GetValue<int>()), delta.Body["alertsOpen"]!.GetValue<int>());
        }
        Assert.Equal(before.A + 1, picture.Waiting("00004"));
        Assert.Equal(before.B + 2, picture.Waiting("00008"));
        AssertConsecutive(wall);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_client_that_sees_a_gap_asks_for_a_full_frame_and_the_sequence_goes_on(string protocol)
    {
        await using var wall = await Connect(protocol);
        await wall.WaitFor(f => f.Kind == "wall", what: "wall frame on connect");
        var full = await UseDeltas(wall);
        var picture = new WallPicture();
        foreach (var f in wall.Frames.Where(f => f.IsWallFrame && f.Index <= full.Index)) picture.Take(f);
        var before = (A: picture.Waiting("00070"), B: picture.Waiting("00082"));

        // The client loses the delta with 00070's ticket (as over a flaky link) …
        await Issue("00070");
        var lost = await wall.WaitFor(DeltaWith("00070", before.A + 1), full.Index + 1, "delta with 00070");
        await Issue("00082");
        var next = await wall.WaitFor(DeltaWith("00082", before.B + 1), lost.Index + 1, "delta with 00082");
        foreach (var f in wall.Frames.Where(f => f.IsWallFrame && f.Index > full.Index && f.Index < lost.Index)) Assert.True(picture.Take(f));
        // … so the one after it does not follow: a gap.
        Assert.False(picture.Take(wall.Frames.First(f => f.IsWallFrame && f.Index > lost.Index)));

        await wall.RequestFull();
        var resync = await wall.WaitFor(f => f.Kind == "wall" && f.Index > next.Index, next.Index + 1, "full frame after RequestFull");
        var last = wall.Frames.Where(f => f.IsWallFrame && f.Index < resync.Index).Max(f => f.Seq);
        Assert.Equal(last + 1, resync.Seq);
        Assert.Equal(126, resync.Wards.Count);
        Assert.True(picture.Take(resync));
        Assert.Equal(before.A + 1, picture.Waiting("00070"));
        Assert.Equal(before.B + 1, picture.Waiting("00082"));

        // Deltas go on after it.
        await Issue("00070");
        var after = await wall.WaitFor(DeltaWith("00070", before.A + 2), resync.Index + 1, "delta after the full frame");
        Assert.True(after.Seq > resync.Seq);
        AssertConsecutive(wall);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_reconnected_client_counts_from_one_again_and_UseDeltas_resumes_with_a_full_frame(string protocol)
    {
        await using var wall = await Connect(protocol);
        await wall.WaitFor(f => f.Kind == "wall", what: "wall frame on connect");
        var full = await UseDeltas(wall);
        var waiting = full.Ward("00025")!["waiting"]!.GetValue<int>();

        await wall.Connection.StopAsync();
        var offline = wall.Count;
        // Changed while the client was away.
        await Issue("00025");
        await wall.Connection.StartAsync();
        var again = await wall.WaitFor(f => f.Kind == "wall", offline, "wall frame on reconnect");
        Assert.Equal(1, again.Seq);
        var resumed = await UseDeltas(wall);
        Assert.Equal(126, resumed.Wards.Count);
        // The change made while away is in that frame, or in a delta right after it.
        await wall.WaitFor(f => f.IsWallFrame && f.Ward("00025")?["waiting"]?.GetValue<int>() == waiting + 1, resumed.Index, "the change made while away");

        await Issue("00025");
        var delta = await wall.WaitFor(DeltaWith("00025", waiting + 2), resumed.Index + 1, "delta after resuming");
        Assert.Contains("00025", delta.Codes);
        var since = wall.Frames.Where(f => f.IsWallFrame && f.Index >= again.Index).Select(f => f.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, since.Count).Select(i => (long)i), since);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_ward_chiefs_frames_full_and_delta_hold_only_their_ward_and_count_their_own_seq(string protocol)
    {
        const string own = "00091";
        var name = $"chief.delta.{protocol}";
        await host.CreateUser(name, "chief-password-9", "ward-chief", own);
        await using var city = await Connect(protocol);
        await city.WaitFor(f => f.Kind == "wall", what: "city frame on connect");
        var cityFull = await UseDeltas(city);
        await using var chief = await Connect(protocol, await host.TokenFor(name, "chief-password-9"));
        await chief.WaitFor(f => f.Kind == "wall", what: "chief's frame on connect");
        var full = await UseDeltas(chief);
        Assert.Equal([own], full.Codes);
        var waiting = full.Ward(own)!["waiting"]!.GetValue<int>();
        Assert.Equal(waiting, full.Body["totals"]!["waiting"]!.GetValue<int>());

        // Another ward changes: the city sees it (the positive control), the chief gets nothing.
        var otherBefore = city.Frames.Where(f => f.IsWallFrame && f.Index >= cityFull.Index).Select(f => f.Ward("00097")).Last(w => w is not null)!["waiting"]!.GetValue<int>();
        await Issue("00097");
        await city.WaitFor(DeltaWith("00097", otherBefore + 1), what: "city delta with 00097");
        Assert.DoesNotContain(chief.Frames, f => f.IsWallFrame && f.Index > full.Index);

        await Issue(own);
        var delta = await chief.WaitFor(DeltaWith(own, waiting + 1), full.Index + 1, "chief's delta");
        Assert.Equal(full.Seq + 1, delta.Seq);
        Assert.Equal([own], delta.Codes);
        Assert.Equal(waiting + 1, delta.Body["totals"]!["waiting"]!.GetValue<int>());
        Assert.All(chief.Frames.Where(f => f.IsWallFrame), f => Assert.Equal([own], f.Codes));
        AssertConsecutive(chief);
    }

    [Fact]
    public async Task Json_and_MessagePack_carry_the_same_frames_times_in_Hanoi_and_alerts_with_their_title()
    {
        await using var json = await Connect("json");
        await using var pack = await Connect("messagepack");
        await UseDeltas(json);
        await UseDeltas(pack);
        await json.WatchWard("00103");
        await pack.WatchWard("00103");
        await json.WaitFor(f => f.Kind == "ward");
        await pack.WaitFor(f => f.Kind == "ward");

        // An overdue dossier: a wall delta, a ward frame and an alert, each through both protocols.
        var dvc = await host.Provision("delta-dvc", "dossier-system", "", ["00103"]);
        await host.PostAccepted(dvc, Received("delta-dvc", "00103", host.Now.AddDays(-2), "HS-DELTA-1", host.Now.AddHours(-1)));
        var alert = await json.WaitFor(f => f.Kind == "alert" && f.Body["ward"]!.GetValue<string>() == "00103", what: "alert over JSON");
        var packed = await pack.WaitFor(f => f.Kind == "alert" && f.Body["id"]!.GetValue<string>() == alert.Body["id"]!.GetValue<string>(), what: "the same alert over MessagePack");
        Assert.True(JsonNode.DeepEquals(alert.Body, packed.Body), $"{alert.Body.ToJsonString()}\n{packed.Body.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace(packed.Body["title"]?.GetValue<string>()));
        Assert.EndsWith("+07:00", packed.Body["raisedAt"]!.GetValue<string>());

        var delta = await json.WaitFor(f => f.Kind == "wallDelta" && f.Ward("00103")?["dossiers"]?["overdue"]?.GetValue<int>() >= 1, what: "delta over JSON");
        var same = await pack.WaitFor(f => f.Kind == "wallDelta" && f.Body["at"]!.GetValue<string>() == delta.Body["at"]!.GetValue<string>(), what: "the same delta over MessagePack");
        Assert.True(JsonNode.DeepEquals(WithoutSeq(delta.Body), WithoutSeq(same.Body)), $"{delta.Body.ToJsonString()}\n{same.Body.ToJsonString()}");
        Assert.EndsWith("+07:00", same.Ward("00103")!["updatedAt"]!.GetValue<string>());

        var ward = await json.WaitFor(f => f.Kind == "ward" && f.Body["overdueDossiers"]!.AsArray().Count == 1, what: "ward frame over JSON");
        var wardPacked = await pack.WaitFor(f => f.Kind == "ward" && f.Body["overdueDossiers"]!.AsArray().Count == 1, what: "ward frame over MessagePack");
        // Built once by the ward and pushed to both: the same document.
        Assert.True(JsonNode.DeepEquals(ward.Body, wardPacked.Body), $"{ward.Body.ToJsonString()}\n{wardPacked.Body.ToJsonString()}");
        Assert.EndsWith("+07:00", wardPacked.Body["overdueDossiers"]![0]!["dueAt"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(wardPacked.Body["alerts"]![0]!["title"]?.GetValue<string>()));
    }
}
