namespace Ioc.Tests.Replay;

/// <summary>
/// A ward's day worked out from the script alone (the test's own calculator, no production code): the events
/// that had reached the center by <c>until</c>, judged by their own times.
/// </summary>
public sealed record ExpectedDay(
    int Issued, int Called, int Served, int NoShow, int Waiting, int WaitsMeasured, long WaitMillisSum, long WaitMillisMax,
    int Ratings, int RatingSum, int Received, int ResolvedOnTime, int ResolvedLate, int Open, int Overdue)
{
    /// <summary>What a closed day keeps: no "waiting" or open count (marked -1), the overdue ones at its close.</summary>
    public ExpectedDay Closed => this with { Waiting = -1, Open = -1 };

    public static ExpectedDay Of(IEnumerable<ScriptedEvent> script, DateTimeOffset until, DateTimeOffset dayEnd)
    {
        var arrived = script.Where(e => e.ArrivesAt < until).ToList();
        DateTimeOffset? TimeOf(string kind, string id) => arrived.FirstOrDefault(e => e.Kind == kind && e.Id == id)?.Ts;
        var tickets = arrived.Where(e => e.Kind == "ticket.issued").Select(e => e.Id).ToList();
        var waits = new List<long>();
        int called = 0, served = 0, noShow = 0, waiting = 0;
        foreach (var t in tickets)
        {
            var issued = TimeOf("ticket.issued", t)!.Value;
            if (TimeOf("ticket.called", t) is { } c)
            {
                called++;
                waits.Add((long)(c - issued).TotalMilliseconds);
            }
            if (TimeOf("ticket.served", t) is not null) served++;
            if (TimeOf("ticket.noshow", t) is not null) noShow++;
            if (TimeOf("ticket.called", t) is null && TimeOf("ticket.noshow", t) is null) waiting++;
        }
        var ratings = arrived.Where(e => e.Kind == "rating.submitted").ToList();
        var dossiers = arrived.Where(e => e.Kind == "dossier.received").ToList();
        int onTime = 0, late = 0, open = 0, overdue = 0;
        foreach (var d in dossiers)
        {
            if (TimeOf("dossier.resolved", d.Id) is { } r)
            {
                if (r <= d.DueAt) onTime++; else late++;
            }
            else
            {
                open++;
                if (d.DueAt < dayEnd) overdue++;
            }
        }
        return new ExpectedDay(tickets.Count, called, served, noShow, waiting, waits.Count, waits.Sum(), waits.Count > 0 ? waits.Max() : 0,
            ratings.Count, ratings.Sum(r => r.Score), dossiers.Count, onTime, late, open, overdue);
    }
}
