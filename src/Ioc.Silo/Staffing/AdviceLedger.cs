using Ioc.Grains;
using Ioc.Time;

namespace Ioc.Silo.Staffing;

/// <summary>The staffing advice a ward accepted (who, when, which advice), kept two days; part of the ward's small state.</summary>
[GenerateSerializer]
public sealed class AdviceLedger
{
    private const int DaysKept = 2;

    [Id(0)] public List<AcceptedAdvice> Accepted { get; init; } = [];
    /// <summary>The number the next new advice gets (ids stay unique across activations).</summary>
    [Id(1)] public long NextNumber { get; set; } = 1;

    public AcceptedAdvice? Find(string id) => Accepted.FirstOrDefault(a => a.Advice.Id == id);

    public IEnumerable<AcceptedAdvice> InForce(DateTimeOffset now) => Accepted.Where(a => a.InForce(now));

    /// <summary>Accepted today in Hanoi, newest first.</summary>
    public IEnumerable<AcceptedAdvice> Today(DateTimeOffset now)
    {
        var today = HanoiTime.DayOf(now);
        return Accepted.Where(a => HanoiTime.DayOf(a.AcceptedAt) == today).OrderByDescending(a => a.AcceptedAt);
    }

    public IEnumerable<AcceptedAdvice> Since(DateTimeOffset since) => Accepted.Where(a => a.AcceptedAt > since).OrderBy(a => a.AcceptedAt);

    public void Add(AcceptedAdvice accepted)
    {
        var keepFrom = HanoiTime.DayOf(accepted.AcceptedAt).AddDays(1 - DaysKept);
        Accepted.RemoveAll(a => HanoiTime.DayOf(a.AcceptedAt) < keepFrom);
        Accepted.Add(accepted);
    }
}
