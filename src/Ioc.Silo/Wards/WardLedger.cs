using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// A ward's business events as figures. Every ticket and dossier keeps its events in time order,
/// and each day's sums are kept as the sum of its tickets' and dossiers' contributions (taken out
/// before a change, put back after), so every figure is a function of the set of events: any order
/// of arrival and any split into batches gives the same figures. A late event amends its own day.
/// Plain C#: the ward grain orchestrates it, tests drive it directly.
/// </summary>
[GenerateSerializer]
public sealed class WardLedger
{
    /// <summary>Ticket events are at most 48 h old (telemetry-v1), so three Hanoi days cover them.</summary>
    public const int TicketDaysKept = 3;
    public const int DaysKept = 62;

    [Id(0)] public DateOnly Today { get; set; }
    [Id(1)] public Dictionary<DateOnly, TicketBook> TicketDays { get; init; } = [];
    [Id(2)] public DossierBook Dossiers { get; init; } = new();
    [Id(3)] public Dictionary<DateOnly, DayFigures> Days { get; init; } = [];
    [Id(4)] public SeenEvents Seen { get; init; } = new();
    [NonSerialized] private string? _self;
    [NonSerialized] private TakenInBook? _takenIn;

    /// <summary>
    /// Dossiers this ward's service point took in for other wards, as they told it: kept with the
    /// ward's state (they are not this ward's events, so not in its log), counted into its days.
    /// </summary>
    public TakenInBook? TakenIn { get => _takenIn; set => _takenIn = value; }

    /// <summary>The ward's own code (not stored): a receipt "at" itself is not one filed elsewhere.</summary>
    public string? Self { get => _self; set => _self = value; }
    /// <summary>Today's low ratings per desk with their times (the desk run rule).</summary>
    [Id(10)] public LowRatingTimes LowRatings { get; init; } = new();

    [NonSerialized] private bool _classified;
    [NonSerialized] private TimeSpan _dueSoonWindow;

    /// <summary>Today's tickets (the hall's queue).</summary>
    public TicketBook TodayTickets => TicketDays.TryGetValue(Today, out var b) ? b : TicketDays[Today] = new TicketBook { Day = Today };

    public DayFigures? DayOf(DateOnly day) => Days.GetValueOrDefault(day);

    /// <summary>Classifies dossiers as of now once after loading; cheap afterwards.</summary>
    public void EnsureReady(DateTimeOffset now, TimeSpan dueSoonWindow)
    {
        if (_classified) return;
        if (Today == default) Today = HanoiTime.DayOf(now);
        _dueSoonWindow = dueSoonWindow;
        Dossiers.Classify(now, dueSoonWindow);
        _classified = true;
    }

    /// <summary>Classifies every dossier as of now (after a replay of the log).</summary>
    public void ClassifyAll(DateTimeOffset now) => Dossiers.Classify(now, _dueSoonWindow);

    public LedgerChanges Apply(IEnumerable<BusinessEvent> events, DateTimeOffset now, long waitTargetMillis, IIssueEstimator? estimator)
    {
        var changes = new LedgerChanges();
        _earliestDossierDay = null;
        foreach (var e in events)
        {
            var fresh = !Seen.Contains(e.EventId) && e.Type switch
            {
                _ when e.Type.StartsWith("ticket.", StringComparison.Ordinal) => ApplyTicket(e, waitTargetMillis, estimator, changes),
                _ when e.Type.StartsWith("dossier.", StringComparison.Ordinal) => ApplyDossier(e, now, changes),
                EventTypes.RatingSubmitted => ApplyRating(e, changes),
                _ => false,
            };
            if (!fresh) { changes.Duplicates++; continue; }
            Seen.Add(e.EventId);
            changes.Events.Add(e);
        }
        if (_earliestDossierDay is { } from) AmendOverdueAtClose(from, changes);
        foreach (var day in changes.AmendedDays.Append(Today))
            if (Days.TryGetValue(day, out var f) && f.WaitMaxStale && TicketDays.TryGetValue(day, out var book))
                f.RecomputeWaitMax(book.Tickets.Values.Select(t => t.Outcome.WaitMillis ?? 0));
        return changes;
    }

    private bool ApplyTicket(BusinessEvent e, long waitTargetMillis, IIssueEstimator? estimator, LedgerChanges changes)
    {
        var day = HanoiTime.DayOf(e.Ts);
        // Older than the ticket window cannot pass the door (48 h); nothing is left to amend.
        if (day < Today.AddDays(1 - TicketDaysKept) || day > Today.AddDays(1)) return true;
        var book = TicketDays.TryGetValue(day, out var b) ? b : TicketDays[day] = new TicketBook { Day = day };
        var ticket = book.GetOrAdd(e.Ticket!);
        var before = ticket.Outcome;
        var contribution = TicketContribution.Of(ticket, waitTargetMillis);
        if (!ticket.Add(TicketEvent.From(e)!)) return false;
        book.Unindex(ticket, before);
        var after = ticket.Outcome;
        book.Index(ticket, after);
        // The estimate a citizen was given belongs to the moment the issue arrived, before any call.
        if (before.Issued is null && after.State == TicketState.Waiting && estimator is not null)
        {
            var estimate = changes.Estimates[e.EventId] = estimator.EstimateAtIssue(book, new WaitingKey(after.Issued!.Ts, ticket.Label, after.Service ?? ""));
            ticket.EstimatedWaitSeconds = estimate?.Told;
            ticket.ForecastSeconds = estimate?.Forecast;
        }
        var figures = Figures(day);
        figures?.Add(contribution, -1);
        figures?.Add(TicketContribution.Of(ticket, waitTargetMillis), +1);
        Touched(day, changes);
        changes.TicketsChanged = true;
        changes.Tickets.Add(new TicketTransition(day, ticket, before, after, TicketEvent.From(e)!));
        return true;
    }

    private bool ApplyDossier(BusinessEvent e, DateTimeOffset now, LedgerChanges changes)
    {
        if (Dossiers.IsForgotten(e.Dossier!)) return false;
        var file = Dossiers.GetOrAdd(e.Dossier!);
        var before = DossierContribution.Of(file, Self);
        var ev = DossierEvent.From(e)!;
        if (!file.Add(ev)) return false;
        var after = DossierContribution.Of(file, Self);
        if (before != after)
        {
            Count(before, -1, changes);
            Count(after, +1, changes);
            TellReceivers(file, before, after, changes);
        }
        Dossiers.Reclassify(file.Dossier, now);
        changes.Dossiers.Add(file.Dossier);
        var day = HanoiTime.DayOf(ev.Ts);
        if (day < Today && (_earliestDossierDay is null || day < _earliestDossierDay)) _earliestDossierDay = day;
        return true;
    }

    [NonSerialized] private DateOnly? _earliestDossierDay;

    /// <summary>
    /// When where or on which day a dossier was taken in changes, the service point's ward is told
    /// (and a ward that no longer took it in is told so). The version is the dossier's event count,
    /// which only grows.
    /// </summary>
    private void TellReceivers(DossierFile file, in DossierContribution before, in DossierContribution after, LedgerChanges changes)
    {
        if (before.ElsewhereAt == after.ElsewhereAt && before.ReceivedDay == after.ReceivedDay) return;
        var responsible = Self ?? "";
        if (before.ElsewhereAt is { } was && was != after.ElsewhereAt)
            changes.TakenIn.Add(new TakenInNotice(was, new DossierTakenIn(responsible, file.Dossier, file.Events.Count, before.ReceivedDay!.Value, Taken: false)));
        if (after.ElsewhereAt is { } now)
            changes.TakenIn.Add(new TakenInNotice(now, new DossierTakenIn(responsible, file.Dossier, file.Events.Count, after.ReceivedDay!.Value, Taken: true)));
    }


    /// <summary>A late event about the past can change how many were overdue when earlier days closed.</summary>
    private void AmendOverdueAtClose(DateOnly from, LedgerChanges changes)
    {
        foreach (var (d, f) in Days)
        {
            if (d < from || d >= Today) continue;
            var overdue = Dossiers.OverdueAt(HanoiTime.StartOf(d.AddDays(1)));
            if (overdue == f.OverdueAtClose) continue;
            f.OverdueAtClose = overdue;
            changes.AmendedDays.Add(d);
        }
    }

    private void Count(in DossierContribution c, int sign, LedgerChanges changes)
    {
        if (c.ReceivedDay is { } r && Figures(r) is { } fr)
        {
            fr.AddReceipt(c, sign);
            Touched(r, changes);
        }
        if (c.ResolvedDay is { } s && Figures(s) is { } fs)
        {
            fs.AddResolution(c, sign);
            Touched(s, changes);
        }
    }

    private bool ApplyRating(BusinessEvent e, LedgerChanges changes)
    {
        var day = HanoiTime.DayOf(e.Ts);
        if (Figures(day) is { } f)
        {
            f.AddRating(e.Score!.Value, e.Counter, +1);
            Touched(day, changes);
        }
        if (RatingAlertRule.IsLow(e.Score!.Value) && e.Counter is { } desk && day >= Today && day <= Today.AddDays(1))
            LowRatings.Add(day, desk, e.Ts);
        changes.Ratings.Add(e);
        return true;
    }

    private void Touched(DateOnly day, LedgerChanges changes)
    {
        if (day < Today) changes.AmendedDays.Add(day);
    }

    /// <summary>The sums of a day the ward still keeps (the last 62 days, and tomorrow for events just before midnight).</summary>
    private DayFigures? Figures(DateOnly day)
    {
        if (day < Today.AddDays(1 - DaysKept) || day > Today.AddDays(1)) return null;
        return Days.TryGetValue(day, out var f) ? f : Days[day] = new DayFigures { Day = day };
    }

    /// <summary>
    /// Midnight in Hanoi: the days that ended are closed (their overdue count at the close taken from
    /// the dossiers' events up to it), old tickets, days and dossiers forgotten. False if still the same day.
    /// </summary>
    public bool Roll(DateTimeOffset now)
    {
        var today = HanoiTime.DayOf(now);
        if (today <= Today) return false;
        for (var d = Today; d < today; d = d.AddDays(1))
            if (Figures(d) is { } f) f.OverdueAtClose = Dossiers.OverdueAt(HanoiTime.StartOf(d.AddDays(1)));
        Seen.Roll(today.DayNumber - Today.DayNumber);
        Today = today;
        foreach (var old in TicketDays.Keys.Where(d => d < today.AddDays(1 - TicketDaysKept)).ToList()) TicketDays.Remove(old);
        foreach (var old in Days.Keys.Where(d => d < today.AddDays(1 - DaysKept)).ToList()) Days.Remove(old);
        Dossiers.Prune(today);
        TakenIn?.Prune(today.AddDays(1 - DaysKept));
        LowRatings.Prune(today);
        Dossiers.Classify(now, _dueSoonWindow);
        return true;
    }

    /// <summary>The day's figures as a summary; today's overdue count is the live one.</summary>
    public DaySummary Summary(DateOnly day)
    {
        var f = Days.GetValueOrDefault(day) ?? new DayFigures { Day = day };
        var overdue = day >= Today ? Dossiers.Count(DossierClass.Overdue) : Math.Max(0, f.OverdueAtClose);
        return f.ToSummary(overdue) with { DossiersTakenInForOthers = TakenIn?.On(day) ?? 0 };
    }

    /// <summary>The closed days kept, oldest first.</summary>
    public IEnumerable<DaySummary> ClosedDays => Days.Keys.Where(d => d < Today).Order().Select(Summary);
}
