using CsCheck;
using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Tests.Ledger;

/// <summary>
/// The desks a ward opens when citizens have waited long, as the ward learns them from a closed day's tickets:
/// a desk coming in while the hall works is learned with the wait that brought it; a session's opening or a
/// clerk's break is not a desk coming in; the order the tickets' events were kept in changes nothing.
/// </summary>
public sealed class OnDemandDesksTests
{
    private static readonly DateTimeOffset Eight = new(2026, 11, 25, 8, 0, 0, HanoiTime.Offset);

    /// <summary>A ticket issued, called at a desk and served, minutes after 08:00.</summary>
    private static Ticket Served(string label, double issued, string desk, double called, double served)
    {
        var t = new Ticket { Label = label };
        t.Add(new TicketEvent(label + "-i", TicketStep.Issued, Eight.AddMinutes(issued), "ho-tich", "kiosk"));
        t.Add(new TicketEvent(label + "-c", TicketStep.Called, Eight.AddMinutes(called), Counter: desk));
        t.Add(new TicketEvent(label + "-s", TicketStep.Served, Eight.AddMinutes(served), Counter: desk));
        return t;
    }

    private static TicketBook Book(IEnumerable<Ticket> tickets)
    {
        var book = new TicketBook { Day = DateOnly.FromDateTime(Eight.DateTime) };
        foreach (var t in tickets) book.Tickets[t.Label] = t;
        return book;
    }

    /// <summary>Desks 1 and 2 call every ten minutes from <paramref name="from"/> to <paramref name="to"/> (minutes after 08:00), each citizen issued two minutes before.</summary>
    private static IEnumerable<Ticket> Staffed(double from, double to, string prefix = "A") =>
        Enumerable.Range(0, (int)((to - from) / 10) + 1).SelectMany(i => new[]
        {
            Served($"{prefix}1{i:000}", from + 10 * i - 2, "1", from + 10 * i, from + 10 * i + 8),
            Served($"{prefix}2{i:000}", from + 10 * i - 2, "2", from + 10 * i + 1, from + 10 * i + 9),
        });

    [Fact]
    public void A_desk_that_comes_in_while_the_hall_works_is_learned_with_the_wait_that_brought_it()
    {
        // Desk G comes in at 09:30 for a citizen who waited 28 min, and again at 10:30 (50 min after its last) for one who waited 32.
        var book = Book([.. Staffed(0, 180), Served("G1", 62, "G", 90, 98), Served("G2", 118, "G", 150, 160)]);
        var learned = new OnDemandDesks();
        learned.Roll(book);
        Assert.Equal(30 * 60, learned.OpensAfterSeconds("G")!.Value, 6);
        Assert.Null(learned.OpensAfterSeconds("1"));
        Assert.Null(learned.OpensAfterSeconds("2"));
    }

    [Fact]
    public void A_session_opening_and_a_break_are_not_a_desk_the_ward_opens_on_demand()
    {
        // Morning 08:00–11:00; lunch; afternoon from 13:00 with citizens who waited since 12:45. Desk 1 takes
        // a break at 09:00 (nobody from 08:58 to 09:10).
        var morning = Staffed(0, 180).Where(t => !(t.Events[1].Counter == "1" && t.Events[1].Ts > Eight.AddMinutes(50) && t.Events[1].Ts < Eight.AddMinutes(70)));
        var afternoon = new[] { Served("P1", 285, "1", 300, 308), Served("P2", 285.5, "2", 300.2, 309), Served("P3", 286, "1", 308.5, 316) };
        var learned = new OnDemandDesks();
        learned.Roll(Book([.. morning, .. afternoon]));
        Assert.Null(learned.OpensAfterSeconds("1"));
        Assert.Null(learned.OpensAfterSeconds("2"));
    }

    [Fact]
    public void A_desk_that_came_in_once_is_relied_on_the_next_day_and_forgotten_after_a_night_without()
    {
        var learned = new OnDemandDesks();
        learned.Roll(Book([.. Staffed(0, 180), Served("G1", 62, "G", 90, 98)]));
        Assert.Equal(28 * 60, learned.OpensAfterSeconds("G")!.Value, 6);
        learned.Roll(Book(Staffed(0, 180)));
        Assert.Null(learned.OpensAfterSeconds("G")); // weighs 0.75
        learned.Roll(Book([.. Staffed(0, 180), Served("G1", 70, "G", 90, 98)]));
        Assert.Equal((0.5625 * 28 + 20) * 60 / 1.5625, learned.OpensAfterSeconds("G")!.Value, 6);
    }

    /// <summary>The calls and finishes of <paramref name="tickets"/> as they arrive, oldest first, into <paramref name="desks"/>.</summary>
    private static void Arrive(OnDemandDesks desks, IEnumerable<Ticket> tickets)
    {
        var moments = tickets.SelectMany(t => t.Events.Where(e => e.Step != TicketStep.Issued).Select(e =>
            (e.Ts, Desk: e.Counter!, Wait: e.Step == TicketStep.Called ? (e.Ts - t.Events[0].Ts).TotalSeconds : (double?)null)));
        foreach (var (at, desk, wait) in moments.OrderBy(m => m.Ts)) desks.Saw(desk, at, wait);
    }

    [Fact]
    public void A_desk_coming_in_today_is_relied_on_the_same_day_but_a_session_opening_is_not()
    {
        var today = new OnDemandDesks();
        // Desks 1 and 2 open the hall at 08:00 (nobody was active): not desks opened on demand.
        Arrive(today, Staffed(0, 80));
        Assert.Null(today.OpensAfterSeconds("1"));
        Assert.Null(today.OpensAfterSeconds("G"));
        // 09:30: desk G calls a citizen who waited 28 min.
        Arrive(today, [Served("G1", 62, "G", 90, 98)]);
        Assert.Equal(28 * 60, today.OpensAfterSeconds("G")!.Value, 6);
        Assert.Null(today.OpensAfterSeconds("2"));
    }

    [Fact]
    public void Late_news_of_a_call_does_not_make_a_desk_look_opened_on_demand()
    {
        var today = new OnDemandDesks();
        Arrive(today, Staffed(0, 120));
        // A call at 09:30 that arrives after the hall's 10:00 news: the order it came in cannot say whether the desk had been idle.
        Arrive(today, [Served("G1", 62, "G", 90, 98)]);
        Assert.Null(today.OpensAfterSeconds("G"));
        // Arriving in its time, the same call is one.
        var inTime = new OnDemandDesks();
        Arrive(inTime, [.. Staffed(0, 120), Served("G1", 62, "G", 90, 98)]);
        Assert.Equal(28 * 60, inTime.OpensAfterSeconds("G")!.Value, 6);
    }

    [Fact]
    public void The_night_replaces_what_was_seen_during_the_day_with_the_days_own_count()
    {
        var day = Staffed(0, 180).Append(Served("G1", 62, "G", 90, 98)).ToList();
        var learned = new OnDemandDesks();
        Arrive(learned, day);
        Assert.Equal(28 * 60, learned.OpensAfterSeconds("G")!.Value, 6);
        learned.Roll(Book(day));
        // Counted once, not once as it came and again at night: after a night without it, it weighs 0.75.
        Assert.Equal(28 * 60, learned.OpensAfterSeconds("G")!.Value, 6);
        learned.Roll(Book(Staffed(0, 180)));
        Assert.Null(learned.OpensAfterSeconds("G"));
    }

    private static readonly Gen<(double Issued, int Desk, double Wait, double Service)[]> GenDay =
        Gen.Select(Gen.Double[0, 480], Gen.Int[0, 3], Gen.Double[0, 45], Gen.Double[1, 20]).Array[5, 60];

    [Fact]
    public void The_same_tickets_teach_the_same_openings_whatever_order_they_were_kept_in()
    {
        Gen.Select(GenDay, Gen.Int).Sample((day, seed) =>
        {
            var tickets = day.Select((x, i) => (Label: $"T{i:000}", x)).ToArray();
            Ticket Make((string Label, (double Issued, int Desk, double Wait, double Service) x) t) =>
                Served(t.Label, t.x.Issued, $"{t.x.Desk}", t.x.Issued + t.x.Wait, t.x.Issued + t.x.Wait + t.x.Service);
            var inOrder = new OnDemandDesks();
            inOrder.Roll(Book(tickets.Select(Make)));
            var rng = new Random(seed);
            var shuffled = new OnDemandDesks();
            shuffled.Roll(Book(tickets.OrderBy(_ => rng.Next()).Select(t =>
            {
                // The same events, kept as they arrived: reversed.
                var ticket = Make(t);
                var reversed = new Ticket { Label = ticket.Label };
                foreach (var e in Enumerable.Reverse(ticket.Events)) reversed.Add(e);
                return reversed;
            })));
            foreach (var desk in new[] { "0", "1", "2", "3" })
                Assert.Equal(inOrder.OpensAfterSeconds(desk), shuffled.OpensAfterSeconds(desk));
        });
    }
}
