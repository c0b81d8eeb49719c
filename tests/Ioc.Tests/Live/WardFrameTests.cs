using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Live;

/// <summary>`ward` frames are pushed by the watched ward when it changed, and only then.</summary>
public sealed class WardFrameTests(CenterHost host) : IClassFixture<CenterHost>
{
    private static int Waiting(FeedListener.Frame f) => f.Body["waiting"]!.GetValue<int>();

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task A_watched_ward_sends_a_ward_frame_when_it_changes_and_none_when_another_ward_changes(string protocol)
    {
        var (watched, other) = protocol == "json" ? ("00118", "00127") : ("00136", "00145");
        var kiosk = await host.Provision($"wf-kiosk-{protocol}", "kiosk", watched);
        var otherKiosk = await host.Provision($"wf-kiosk-other-{protocol}", "kiosk", other);
        await using var client = new FeedListener(host, await host.AdminToken(), protocol == "messagepack");
        await client.Start();
        await client.UseDeltas();
        await client.WatchWard(watched);
        var initial = await client.WaitFor(f => f.Kind == "ward", what: "the ward's detail on WatchWard");
        Assert.Equal(watched, initial.Body["code"]!.GetValue<string>());

        await host.PostAccepted(kiosk, Issued($"wf-kiosk-{protocol}", watched, host.Now, "W001", "ho-tich", "kiosk"));
        var changed = await client.WaitFor(f => f.Kind == "ward" && Waiting(f) == Waiting(initial) + 1, initial.Index + 1, "ward frame after the change");
        Assert.Equal(watched, changed.Body["code"]!.GetValue<string>());
        Assert.Equal(Waiting(initial) + 1, changed.Body["queues"]!.AsArray().Single(q => q!["service"]!.GetValue<string>() == "ho-tich")!["waiting"]!.GetValue<int>());

        // Positive control: another ward changes and its wall delta arrives; the watched ward sent nothing meanwhile.
        await host.PostAccepted(otherKiosk, Issued($"wf-kiosk-other-{protocol}", other, host.Now, "W002", "ho-tich", "kiosk"));
        var delta = await client.WaitFor(f => f.Kind == "wallDelta" && f.Ward(other) is not null && f.Index > changed.Index, changed.Index + 1, "the other ward's delta");
        Assert.DoesNotContain(client.Frames, f => f.Kind == "ward" && f.Index > changed.Index && f.Index < delta.Index);
        Assert.DoesNotContain(client.Frames, f => f.Kind == "ward" && f.Body["code"]!.GetValue<string>() == other);
    }

    [Fact]
    public async Task A_watched_wards_robot_that_moves_is_shown_where_it_is()
    {
        const string ward = "00160";
        var robot = await host.Provision("wf-robot", "robot", ward);
        await host.PostAccepted(robot, RobotState("wf-robot", ward, host.Now, 3, 4, 0.5, 84, "guiding"));
        await using var client = new FeedListener(host, await host.AdminToken(), messagePack: false);
        await client.Start();
        await client.WatchWard(ward);
        await client.WaitFor(f => f.Kind == "ward", what: "the ward's detail on WatchWard");

        // Same mode, same battery band: only the pose changed.
        await host.PostAccepted(robot, RobotState("wf-robot", ward, host.Now.AddSeconds(1), 9, 7, 1.5, 83, "guiding"));
        var moved = await client.WaitFor(f => f.Kind == "ward" && f.Body["robots"]!.AsArray().Any(r => r!["pose"]?["x"]?.GetValue<double>() == 9),
            what: "ward frame with the robot's new pose");
        var pose = moved.Body["robots"]!.AsArray().Single()!["pose"]!;
        Assert.Equal(7, pose["y"]!.GetValue<double>());
    }
}
