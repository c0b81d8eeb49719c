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
}
