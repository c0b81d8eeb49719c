using Ioc.Grains;

namespace Ioc.Silo.Wards;

/// <summary>
/// The ward's wait estimate: the hall played forward (<see cref="QueueForecast"/>) with the service
/// times the ward has learned (<see cref="ServiceTimeModel"/>). Gives what a robot shows a citizen
/// taking a ticket now, and records what a citizen was told when their ticket's issue arrived.
/// </summary>
public sealed class WaitEstimator(ServiceTimeModel model, Func<IReadOnlyList<DeskNow>> desks, Func<DateTimeOffset> now) : IIssueEstimator, IQueueEstimator
{
    /// <summary>An issue that reaches the center later than this after its time gets no recorded estimate: nobody was told it.</summary>
    public static readonly TimeSpan FreshIssue = TimeSpan.FromMinutes(5);

    public const string BasisForecast = "queue-forecast";
    public const string BasisNoDesk = "no-desk-serving";

    public IssueEstimate? EstimateAtIssue(TicketBook book, WaitingKey ticket)
    {
        var at = now();
        if (at - ticket.IssuedAt > FreshIssue) return null;
        var ahead = book.Waiting.TakeWhile(k => k.CompareTo(ticket) < 0);
        // What the robot showed when it issued the ticket: the hall played forward from the issue, not
        // from the moment the batch carrying it reached the center.
        var from = ticket.IssuedAt < at ? ticket.IssuedAt : at;
        if (QueueForecast.CallAt(ticket, ahead, desks(), model, from) is not { } call) return null;
        var forecast = Math.Max(0, (call - ticket.IssuedAt).TotalSeconds);
        return new IssueEstimate((int)Math.Round(model.Calibrated(forecast)), (int)Math.Round(forecast));
    }

    /// <summary>The wait of a citizen who takes a ticket for <paramref name="service"/> now.</summary>
    public WaitEstimate Estimate(TicketBook today, string service)
    {
        var at = now();
        var all = desks();
        var waiting = today.Waiting.Count(k => k.Service == service);
        var serving = all.Count(d => d.Online && d.Status == "open" && d.Serves(service));
        // Behind everyone waiting now, whatever their clocks said.
        var last = today.Waiting.Count > 0 && today.Waiting.Max.IssuedAt > at ? today.Waiting.Max.IssuedAt : at;
        var target = new WaitingKey(last, "\uffff", service);
        var call = QueueForecast.CallAt(target, today.Waiting, all, model, at);
        return new WaitEstimate(service, waiting, serving, call is { } c ? Math.Round(model.Calibrated(Math.Max(0, (c - at).TotalSeconds))) : null,
            call is null ? BasisNoDesk : BasisForecast);
    }
}
