using Ioc.Grains;
using Ioc.History;

namespace Ioc.Dashboard.History;

/// <summary>
/// The InfluxDB schema of the center: what one ward, one robot and one business event look like as points.
/// </summary>
public static class HistoryPoints
{
    public const string WardMeasurement = InfluxReader.WardMeasurement;
    public const string RobotMeasurement = "robot";
    public const string EventMeasurement = "event";

    /// <summary>Measurement <c>ward</c>: tags <c>ward</c>, <c>type</c>; <c>avgWait</c> only when some ticket was called today.</summary>
    public static Point Ward(WardSummary ward, DateTimeOffset at)
    {
        var point = new Point(WardMeasurement)
            .Tag(InfluxReader.WardTag, ward.Code)
            .Tag("type", ward.Type)
            .Field("waiting", ward.Waiting)
            .Field("countersOpen", ward.CountersOpen)
            .Field("robotsOnline", ward.RobotsOnline)
            .Field("overdue", ward.Dossiers.Overdue)
            .Field("dueSoon", ward.Dossiers.DueSoon)
            .At(at);
        if (ward.AvgWaitSeconds is { } avg) point.Field("avgWait", avg);
        return point;
    }

    /// <summary>Measurement <c>robot</c>: tags <c>ward</c>, <c>robot</c>; null when the robot never reported a state.</summary>
    public static Point? Robot(RobotView robot, string? registeredWard, DateTimeOffset at)
    {
        var ward = robot.Ward is { Length: > 0 } w ? w : registeredWard;
        if (ward is not { Length: > 0 } || (robot.Pose is null && robot.Battery is null && robot.Mode is null)) return null;
        var point = new Point(RobotMeasurement).Tag("ward", ward).Tag("robot", robot.DeviceId).At(at);
        if (robot.Pose is { } pose) point.Field("x", pose.X).Field("y", pose.Y);
        if (robot.Battery is { } battery) point.Field("battery", battery);
        if (robot.Mode is { Length: > 0 } mode) point.Field("mode", mode);
        return point;
    }

    /// <summary>
    /// Measurement <c>event</c>: tags <c>ward</c>, <c>type</c>, and <c>service</c>/<c>channel</c> when the event has
    /// them; fields <c>id</c> and, when present, <c>ticket</c>, <c>dossier</c>, <c>counter</c>, <c>score</c>.
    /// Time is the event's <c>ts</c>; the caller may move it by a few milliseconds (see <see cref="EventTimeSlots"/>).
    /// </summary>
    public static Point Event(string ward, BusinessEvent e)
    {
        var point = new Point(EventMeasurement)
            .Tag("ward", ward)
            .Tag("type", e.Type)
            .Field("id", e.EventId)
            .At(e.Ts);
        if (e.Service is { Length: > 0 } service) point.Tag("service", service);
        if (e.Channel is { Length: > 0 } channel) point.Tag("channel", channel);
        if (e.Ticket is { Length: > 0 } ticket) point.Field("ticket", ticket);
        if (e.Dossier is { Length: > 0 } dossier) point.Field("dossier", dossier);
        if (e.Counter is { Length: > 0 } counter) point.Field("counter", counter);
        if (e.Score is { } score) point.Field("score", score);
        return point;
    }

    /// <summary>The series an event point belongs to (measurement and tags), as InfluxDB identifies it.</summary>
    public static string SeriesKey(Point point) =>
        point.Measurement + string.Concat(point.Tags.Select(t => $"\u001f{t.Key}={t.Value}"));
}
