using Ioc.Grains;
using Ioc.Telemetry;

namespace Ioc.Tests.Ledger;

/// <summary>
/// A generated day told as stories (what really happened to each ticket, dossier and rating),
/// with the figures each story implies worked out while it is made. The events are what devices
/// send about those stories; the ledger must arrive at <see cref="Expected"/> from the events alone,
/// in any order and any batching. Nothing here calls production code.
/// </summary>
public sealed class DayStory
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(7));
    /// <summary>When the figures are read: the evening of the same day.</summary>
    public static readonly DateTimeOffset Evening = new(2026, 11, 25, 20, 0, 0, TimeSpan.FromHours(7));
    public const long TargetMillis = 15 * 60_000;
    private static readonly string[] Services = [ServiceCodes.ChungThuc, ServiceCodes.HoTich, ServiceCodes.DatDai];

    public List<BusinessEvent> Events { get; } = [];
    public ExpectedDay Expected { get; } = new();
    private int _id;

    public static DayStory Make(int seed, int tickets, int dossiers, int ratings)
    {
        var rng = new Random(seed);
        var day = new DayStory();
        for (var i = 0; i < tickets; i++) day.Ticket(rng, $"A{i:000}");
        for (var i = 0; i < dossiers; i++) day.Dossier(rng, $"HS-{i}");
        for (var i = 0; i < ratings; i++)
        {
            var score = rng.Next(1, 6);
            day.Add(EventTypes.RatingSubmitted, At(M(rng.Next(0, 540))), e => e with { Score = score });
            day.Expected.Ratings++;
            day.Expected.RatingSum += score;
            if (score >= 4) day.Expected.RatingsGood++;
        }
        return day;
    }

    private static DateTimeOffset At(long millis) => Morning.AddMilliseconds(millis);

    /// <summary>Whole milliseconds, as the figures count them.</summary>
    private static long M(double minutes) => (long)Math.Round(minutes * 60_000);

    private void Add(string type, DateTimeOffset ts, Func<BusinessEvent, BusinessEvent> with) =>
        Events.Add(with(new BusinessEvent($"ev-{++_id}", type, ts, "device")));

    private void Ticket(Random rng, string label)
    {
        var service = Services[rng.Next(Services.Length)];
        var issued = M(rng.Next(0, 480) + rng.NextDouble());
        var story = rng.Next(7); // 0 waiting, 1 at desk, 2 served, 3 no-show, 4 no-show re-called and served, 5 desk events only, 6 call stamped before issue
        var desk = $"{rng.Next(1, 4)}";
        var knowIssue = story != 5;
        if (knowIssue)
        {
            Add(EventTypes.TicketIssued, At(issued), e => e with { Ticket = label, Service = service, Channel = "robot" });
            Expected.TicketsIssued++;
        }
        if (story == 0)
        {
            Expected.Waiting++;
            return;
        }
        var t = story == 6 ? issued - M(0.5) : issued + M(rng.Next(1, 40) + rng.NextDouble());
        var calls = new List<long> { t };
        for (var extra = rng.Next(0, 3); extra > 0; extra--) calls.Add(calls[^1] + M(0.5 + rng.NextDouble()));
        if (story == 4)
        {
            // Called, did not come, marked a no-show, came back, called again and served.
            Add(EventTypes.TicketNoShow, At(calls[^1] + M(1)), e => e with { Ticket = label, Counter = desk });
            calls.Add(calls[^1] + M(2 + rng.NextDouble()));
        }
        foreach (var c in calls) Add(EventTypes.TicketCalled, At(c), e => e with { Ticket = label, Counter = desk });
        Expected.TicketsCalled++;
        var lastCall = calls[^1];
        if (knowIssue)
        {
            var wait = Math.Max(0, lastCall - issued);
            Expected.Waits.Add(wait);
            if (wait > TargetMillis) Expected.WaitsOverTarget++;
        }
        switch (story)
        {
            case 1 or 6:
                Expected.AtDesk++;
                break;
            case 2 or 4 or 5:
                var served = lastCall + M(1 + rng.Next(0, 20) + rng.NextDouble());
                Add(EventTypes.TicketServed, At(served), e => e with { Ticket = label, Counter = desk });
                Expected.TicketsServed++;
                Expected.ServiceMillis.Add(served - lastCall);
                Expected.ServedByDesk[desk] = Expected.ServedByDesk.GetValueOrDefault(desk) + 1;
                break;
            case 3:
                Add(EventTypes.TicketNoShow, At(lastCall + M(2)), e => e with { Ticket = label, Counter = desk });
                Expected.TicketsNoShow++;
                break;
        }
    }

    private void Dossier(Random rng, string id)
    {
        var received = M(rng.Next(0, 300) + rng.NextDouble());
        // Due between two hours before the evening and two days after it.
        var evening = M((Evening - Morning).TotalMinutes);
        var due = evening + M(rng.Next(-120, 2 * 24 * 60));
        var knowReceipt = rng.Next(8) != 0;
        var online = rng.Next(2) == 0;
        bool? digitized = rng.Next(3) switch { 0 => null, 1 => true, _ => false };
        if (knowReceipt)
        {
            Add(EventTypes.DossierReceived, At(received), e => e with
            {
                Dossier = id, Procedure = "Đăng ký khai sinh", Service = ServiceCodes.HoTich,
                Channel = online ? "online" : "in_person", DueAt = At(due), Digitized = digitized,
            });
            Expected.DossiersReceived++;
            if (online) Expected.DossiersReceivedOnline++;
            if (digitized is not null) Expected.DigitizedKnown++;
            if (digitized == true) Expected.Digitized++;
        }
        // The clock: pauses one after another; one that starts after the due time stops nothing.
        var now = received;
        long? pausedSince = null;
        var pausedLate = false;
        long? resolved = null;
        // Everything happens before the evening the figures are read at (devices cannot send the future).
        for (var step = rng.Next(0, 4); step > 0 && now + M(410) < evening; step--)
        {
            now += M(5 + rng.Next(0, 200));
            var p = now;
            Add(EventTypes.DossierPaused, At(p), e => e with { Dossier = id });
            now += M(5 + rng.Next(0, 200));
            if (rng.Next(4) == 0)
            {
                if (p <= due) pausedSince = p; else pausedLate = true;
                break; // still paused
            }
            var r = now;
            Add(EventTypes.DossierResumed, At(r), e => e with { Dossier = id });
            if (p <= due) due += r - p;
        }
        if (pausedSince is null && !pausedLate && rng.Next(2) == 0)
        {
            resolved = now + M(1 + rng.Next(0, 400));
            if (resolved > evening) resolved = null;
        }
        if (resolved is { } x)
        {
            Add(EventTypes.DossierResolved, At(x), e => e with { Dossier = id });
            if (knowReceipt)
            {
                if (x <= due) Expected.ResolvedOnTime++;
                else Expected.ResolvedLate++;
            }
            return;
        }
        if (!knowReceipt) return;
        Expected.InProgress++;
        if (pausedLate || (pausedSince is null && evening > due)) Expected.Overdue++;
        else if (pausedSince is null && due - evening <= M(24 * 60)) Expected.DueSoon++;
    }
}

/// <summary>The figures a <see cref="DayStory"/> implies.</summary>
public sealed class ExpectedDay
{
    public int TicketsIssued, TicketsCalled, TicketsServed, TicketsNoShow, Waiting, AtDesk, WaitsOverTarget;
    public List<long> Waits { get; } = [];
    public List<long> ServiceMillis { get; } = [];
    public Dictionary<string, int> ServedByDesk { get; } = [];
    public int Ratings, RatingSum, RatingsGood;
    public int DossiersReceived, DossiersReceivedOnline, Digitized, DigitizedKnown, ResolvedOnTime, ResolvedLate;
    public int InProgress, Overdue, DueSoon;
}
