using Ioc.Grains;
using Ioc.Silo.Alerts;

namespace Ioc.Tests.Alerts;

/// <summary>The alert book's people rules and silences, as plain C#: first action wins; a silence holds, follows and releases.</summary>
public sealed class AlertBookWorkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private DateTimeOffset _now = T0;
    private readonly AlertLedger _ledger = new();

    private (AlertBook Alerts, SilenceBook Silences) Books()
    {
        var silences = new SilenceBook("00004", _ledger);
        return (new AlertBook("00004", _ledger, () => _now, silences), silences);
    }

    [Fact]
    public void The_first_action_wins_and_the_later_one_sees_who_acted()
    {
        var (alerts, _) = Books();
        alerts.Raise("queue-long", AlertKinds.QueueLong, AlertSeverities.Warning, figure: 30);
        var id = alerts.Active.Single().Id;
        Assert.Equal(ActionOutcome.Done, alerts.Acknowledge(id, "an", "on it").Outcome);
        var late = alerts.Acknowledge(id, "binh", "me too");
        Assert.Equal((ActionOutcome.Conflict, "an", "on it"), (late.Outcome, late.Alert!.AcknowledgedBy, late.Alert.AcknowledgeNote));
        Assert.Equal(ActionOutcome.Done, alerts.Assign(id, "an", "an", reassign: false).Outcome);
        Assert.Equal(ActionOutcome.Conflict, alerts.Assign(id, "binh", "binh", reassign: false).Outcome);
        Assert.Equal("binh", alerts.Assign(id, "binh", "chi", reassign: true).Alert!.Owner);
        Assert.Equal(ActionOutcome.Done, alerts.Resolve(id, "binh", null).Outcome);
        Assert.Equal(ActionOutcome.Conflict, alerts.Resolve(id, "an", null).Outcome);
        Assert.Equal(ActionOutcome.Conflict, alerts.Assign(id, "an", "an", reassign: true).Outcome);
        Assert.Equal(ActionOutcome.NotFound, alerts.Acknowledge("00004-999", "an", null).Outcome);
    }

    [Fact]
    public void A_silence_holds_a_cause_follows_it_while_evaluated_and_raises_it_when_it_ends_if_still_caused()
    {
        var (alerts, silences) = Books();
        var s = silences.Add(AlertKinds.QueueLong, T0, T0.AddHours(1), "planned outage", "an", T0);
        Assert.True(alerts.Raise("queue-long", AlertKinds.QueueLong, AlertSeverities.Warning, figure: 30));
        Assert.True(alerts.Raise("queue-long", AlertKinds.QueueLong, AlertSeverities.Critical, figure: 60));
        // Another kind is not silenced.
        alerts.Raise("robot-offline:r1", AlertKinds.RobotOffline, AlertSeverities.Warning, "r1");
        Assert.Equal([AlertKinds.RobotOffline], alerts.Active.Select(a => a.Kind));
        Assert.Equal((AlertSeverities.Critical, 60.0), (alerts.Held.Single().Severity, alerts.Held.Single().Figure));

        _now = T0.AddMinutes(30);
        Assert.False(alerts.Release());
        Assert.Equal(ActionOutcome.Done, silences.End(s.Id, "an", _now).Outcome);
        Assert.Equal(ActionOutcome.Conflict, silences.End(s.Id, "an", _now).Outcome);
        Assert.True(alerts.Release());
        var raised = alerts.ActiveFor("queue-long")!;
        Assert.Equal((AlertSeverities.Critical, _now), (raised.Severity, raised.RaisedAt));
        Assert.Empty(alerts.Held);
    }

    [Fact]
    public void A_held_cause_that_goes_away_is_never_raised()
    {
        var (alerts, silences) = Books();
        silences.Add(AlertKinds.QueueLong, T0, T0.AddMinutes(10), "planned outage", "an", T0);
        alerts.Raise("queue-long", AlertKinds.QueueLong, AlertSeverities.Warning, figure: 30);
        Assert.True(alerts.Clear("queue-long"));
        _now = T0.AddMinutes(11);
        Assert.False(alerts.Release());
        Assert.Empty(alerts.All);
        Assert.Equal(SilenceStates.Ended, silences.All.Single().StateAt(_now));
    }
}
