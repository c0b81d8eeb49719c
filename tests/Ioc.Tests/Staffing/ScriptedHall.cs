using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Tests.Staffing;

/// <summary>Halls written by hand for the advisor: desks, a queue, what the ward learned.</summary>
public static class ScriptedHall
{
    /// <summary>Wednesday 09:30 in Hanoi: office hours.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, HanoiTime.Offset);

    public static DeskNow Desk(string label, string status, params string[] services) =>
        new(label, status, true, services, Now.AddMinutes(-30), null);

    public static DeskNow Busy(string label, string service, double calledMinutesAgo, params string[] services) =>
        new(label, "open", true, services, Now.AddMinutes(-30), new DeskTicket(Now.AddMinutes(-calledMinutesAgo), "X" + label, service));

    /// <summary><paramref name="n"/> citizens of a service issued every <paramref name="everyMinutes"/> until just now, oldest first.</summary>
    public static List<WaitingKey> Queue(int n, string service, double everyMinutes = 3, string letter = "A") =>
        [.. Enumerable.Range(0, n).Select(i => new WaitingKey(Now.AddMinutes(-everyMinutes * (n - i)), $"{letter}{i:000}", service))];

    /// <summary>A ward that has learned service times of about <paramref name="seconds"/> with the usual spread, and nothing of arrivals.</summary>
    public static ServiceTimeModel Learned(double seconds = 600) => new() { DefaultSeconds = seconds };

    /// <summary>
    /// A ward whose services take exactly <paramref name="seconds"/> (a million services of that length learned),
    /// whose citizens always come when called, with no gap between two citizens: a hall one can work out by hand.
    /// </summary>
    public static ServiceTimeModel Exact(double seconds, params string[] services)
    {
        var model = new ServiceTimeModel { DefaultSeconds = seconds, Calls = 1e9 };
        const double n = 1e6;
        foreach (var s in services) model.LogMoments[s] = [n, n * Math.Log(seconds), n * Math.Log(seconds) * Math.Log(seconds)];
        return model;
    }

    public static IReadOnlyList<Ioc.Grains.StaffingAdvice> Advise(IReadOnlyList<DeskNow> desks, IReadOnlyCollection<WaitingKey> queue,
        ServiceTimeModel? model = null, DateTimeOffset? now = null, AdvisorOptions? options = null) =>
        new StaffingAdvisor(options ?? new AdvisorOptions()).Advise(new StaffingInput(now ?? Now, queue, desks, model ?? Learned(), []));
}
