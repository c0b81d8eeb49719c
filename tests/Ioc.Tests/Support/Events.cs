using Ioc.Grains;
using Ioc.Telemetry;

namespace Ioc.Tests.Support;

/// <summary>Business events as grains receive them, with fresh ids.</summary>
public static class Events
{
    public static string NextId(string prefix = "e") => Ioc.Testing.Telemetry.NextId(prefix);

    public static BusinessEvent Issued(string ticket, string service, DateTimeOffset ts) =>
        new(NextId(), EventTypes.TicketIssued, ts, "kiosk", Ticket: ticket, Service: service, Channel: "kiosk");

    public static BusinessEvent Called(string ticket, string counter, DateTimeOffset ts) =>
        new(NextId(), EventTypes.TicketCalled, ts, "desk", Ticket: ticket, Counter: counter);

    public static BusinessEvent Served(string ticket, string counter, DateTimeOffset ts) =>
        new(NextId(), EventTypes.TicketServed, ts, "desk", Ticket: ticket, Counter: counter);

    public static BusinessEvent Rating(int score, DateTimeOffset ts) =>
        new(NextId(), EventTypes.RatingSubmitted, ts, "robot", Score: score);

    public static BusinessEvent Received(string dossier, DateTimeOffset ts, DateTimeOffset dueAt, string channel = "online") =>
        new(NextId(), EventTypes.DossierReceived, ts, "dossier-system", Dossier: dossier, Procedure: "Cấp bản sao trích lục hộ tịch",
            Service: ServiceCodes.HoTich, Channel: channel, DueAt: dueAt);

    public static BusinessEvent Dossier(string type, string dossier, DateTimeOffset ts) =>
        new(NextId(), type, ts, "dossier-system", Dossier: dossier);
}
