namespace Ioc.Simulator.Model;

/// <summary>A robot's pose in its hall's frame (metres, radians).</summary>
public sealed record RobotPose(double X, double Y, double Yaw, string Floor = "G");
