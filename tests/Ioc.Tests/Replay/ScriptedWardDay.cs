using System.Text.Json.Nodes;
using Ioc.Time;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Replay;

/// <summary>
/// A ward's day drawn from a seed: tickets issued through the day (served after a wait, a no-show, or still
/// waiting at midnight), ratings and dossiers (resolved on time, late, or open with or without being overdue),
/// each event arriving a little after it happened and out of order, a few only after midnight.
/// </summary>
public sealed class ScriptedWardDay
{
    public ScriptedWardDay(string ward, DateOnly day, int seed)
    {
        Ward = ward;
        Day = day;
        var rng = new Random(seed);
        var start = HanoiTime.StartOf(day);
        DateTimeOffset At(double hours) => start + TimeSpan.FromHours(hours);
        DateTimeOffset Arrive(DateTimeOffset ts) => ts + TimeSpan.FromSeconds(rng.Next(0, 900));
        for (var i = 1; i <= 30; i++)
        {
            var label = $"A{i:000}";
            var issued = At(9.05 + rng.NextDouble() * 13.5);
            Add("ticket.issued", label, issued, Arrive(issued));
            var fate = i % 10;
            if (fate == 0) continue; // still waiting at midnight
            var next = issued + TimeSpan.FromSeconds(rng.Next(60, 2400));
            if (next >= At(23.99)) continue;
            if (fate == 1) { Add("ticket.noshow", label, next, Arrive(next)); continue; }
            Add("ticket.called", label, next, Arrive(next));
            var served = next + TimeSpan.FromSeconds(rng.Next(120, 900));
            if (served < At(23.99)) Add("ticket.served", label, served, HanoiTime.ToLocal(served).Hour >= 23 ? At(24.2) : Arrive(served));
        }
        for (var i = 1; i <= 8; i++)
        {
            var ts = At(9.5 + rng.NextDouble() * 14);
            // The last rating of the day reaches the center only after midnight.
            Add("rating.submitted", $"R{i}", ts, i == 8 ? At(24.1) : Arrive(ts), Score: rng.Next(1, 6));
        }
        for (var i = 1; i <= 6; i++)
        {
            var dossier = $"HS-{ward}-{i}";
            var received = At(9 + i);
            var due = received + TimeSpan.FromHours(i <= 3 ? 2 : 30);
            if (i == 5) due = received + TimeSpan.FromHours(3); // still open at midnight: overdue
            Add("dossier.received", dossier, received, Arrive(received), DueAt: due);
            var resolved = i switch { 1 => received.AddHours(1), 2 => received.AddHours(3), 3 => received.AddHours(1.5), _ => (DateTimeOffset?)null };
            if (resolved is { } r) Add("dossier.resolved", dossier, r, Arrive(r));
        }
    }

    public string Ward { get; }
    public DateOnly Day { get; }
    public List<ScriptedEvent> Events { get; } = [];

    private void Add(string kind, string id, DateTimeOffset ts, DateTimeOffset arrives, int Score = 0, DateTimeOffset DueAt = default) =>
        Events.Add(new ScriptedEvent(kind, id, ts, arrives, Score, DueAt));

    public JsonObject ToJson(ScriptedEvent e, string device) => e.Kind switch
    {
        "ticket.issued" => Issued(device, Ward, e.Ts, e.Id, "ho-tich"),
        "ticket.called" or "ticket.served" or "ticket.noshow" => Ticket(e.Kind, device, Ward, e.Ts, e.Id, "1"),
        "rating.submitted" => Rating(device, Ward, e.Ts, e.Score),
        "dossier.received" => Received(device, Ward, e.Ts, e.Id, e.DueAt),
        _ => Dossier(e.Kind, device, Ward, e.Ts, e.Id),
    };
}
