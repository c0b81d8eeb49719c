using Ioc.Halls;

namespace Ioc.Simulator.Model;

/// <summary>Where robots stand in a hall: the dock, their post by the entrance, the waiting area, a desk.</summary>
internal static class HallPoints
{
    public static (double X, double Y) Dock(HallPlan hall, int index) =>
        (hall.Dock.X + 0.4 + 0.6 * (index % 3), hall.Dock.Y + hall.Dock.Height / 2);

    public static (double X, double Y) Post(HallPlan hall, int index) =>
        (Math.Min(hall.Width - 1, hall.Entrance.X + hall.Entrance.Width + 1.0 + 1.2 * index), hall.Entrance.Y + hall.Entrance.Height + 1.5);

    public static (double X, double Y) Waiting(HallPlan hall, Rng rng) =>
        (rng.Uniform(hall.WaitingArea.X + 0.5, hall.WaitingArea.X + hall.WaitingArea.Width - 0.5),
         rng.Uniform(hall.WaitingArea.Y + 0.5, hall.WaitingArea.Y + hall.WaitingArea.Height - 0.5));

    public static (double X, double Y) InFrontOf(HallDesk desk) => (desk.X, desk.Y - 1.2);
}
