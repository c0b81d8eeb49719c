using System.Globalization;
using Ioc.Simulator;
using Ioc.Simulator.Model;
using Ioc.Simulator.Network;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Bench.SimDay;

/// <summary>The figures of one simulated day, computed from its events and deliveries as the center would see them.</summary>
internal sealed class DayReport
{
    public DayReport(string scenario, CityLayout layout, SimulatedDay run, double seconds)
    {
        Scenario = scenario;
        var day = run.Day;
        DateTimeOffset At(int h, int m = 0) => WorkCalendar.At(day, new TimeSpan(h, m, 0));
        var ev = run.Events;

        // Tickets: issue, calls, end.
        var issued = new Dictionary<(string, string), SimEvent>();
        var calls = new Dictionary<(string, string), List<DateTimeOffset>>();
        var served = new Dictionary<(string, string), DateTimeOffset>();
        var noShows = 0;
        foreach (var e in ev)
        {
            var key = (e.Ward, e.Ticket ?? "");
            switch (e.Type)
            {
                case EventTypes.TicketIssued: issued[key] = e; break;
                case EventTypes.TicketCalled:
                    if (!calls.TryGetValue(key, out var list)) calls[key] = list = [];
                    list.Add(e.Ts);
                    break;
                case EventTypes.TicketServed: served[key] = e.Ts; break;
                case EventTypes.TicketNoShow: noShows++; break;
            }
        }
        var waits = calls.Select(kv => (Ward: kv.Key.Item1, Issued: issued[kv.Key].Ts, Last: kv.Value[^1], Minutes: (kv.Value[^1] - issued[kv.Key].Ts).TotalMinutes)).ToList();
        var sorted = waits.Select(w => w.Minutes).Order().ToArray();
        double Q(double q) => sorted[(int)(q * (sorted.Length - 1))];
        double Mean(Func<(string Ward, DateTimeOffset Issued, DateTimeOffset Last, double Minutes), bool> p)
        {
            var s = waits.Where(p).ToList();
            return s.Count == 0 ? 0 : s.Average(w => w.Minutes);
        }
        int WaitingAt(DateTimeOffset t) => issued.Where(kv => kv.Value.Ts <= t && (!calls.TryGetValue(kv.Key, out var c) || c[0] > t))
            .GroupBy(kv => kv.Key.Item1).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        var byTen23 = waits.Where(w => w.Last <= At(10, 23)).ToList();
        var wardMax = waits.GroupBy(w => w.Ward).ToDictionary(g => g.Key, g => g.Max(w => w.Minutes));
        var mostWaiting = Enumerable.Range(0, 24 * 6).Select(i => WaitingAt(At(7, 30) + TimeSpan.FromMinutes(5 * i))).Max();

        var serviceOf = issued.ToDictionary(kv => kv.Key, kv => kv.Value.Service!);
        string ServiceMean(string s)
        {
            var x = served.Where(kv => serviceOf[kv.Key] == s).Select(kv => (kv.Value - calls[kv.Key][^1]).TotalMinutes).ToList();
            return x.Count == 0 ? "–" : x.Average().ToString("F1", CultureInfo.InvariantCulture);
        }

        // Desks and robots: the latest state before an instant.
        Dictionary<string, SimEvent> Latest(string type, DateTimeOffset t) =>
            ev.Where(e => e.Type == type && e.Ts <= t).GroupBy(e => e.DeviceId).ToDictionary(g => g.Key, g => g.Last());
        var desks10 = Latest(EventTypes.CounterState, At(10));
        var robots1030 = Latest(EventTypes.RobotState, At(10, 30));
        var robots = layout.Devices.Where(d => d.Kind == DeviceKinds.Robot).Select(d => d.DeviceId).ToList();
        var heard = ev.Where(e => e.Type == EventTypes.RobotState && e.Ts >= At(10, 10) && e.Ts < At(11)).Select(e => e.DeviceId).ToHashSet();

        var received = ev.Where(e => e.Type == EventTypes.DossierReceived).ToList();
        var ratings = ev.Where(e => e.Type == EventTypes.RatingSubmitted).ToList();

        var batches = run.Deliveries.Where(d => d.Kind != DeliveryKind.Repeat).ToList();
        var system = run.Deliveries.Where(d => d.DeviceId == CityLayout.DossierSystemId && d.At >= At(8) && d.At < At(17)).Select(d => d.At).Order().ToList();
        var silence = system.Zip(system.Skip(1), (a, b) => (b - a).TotalMinutes).DefaultIfEmpty(0).Max();

        Rows =
        [
            ("events / deliveries", $"{ev.Count:N0} / {run.Deliveries.Count:N0}"),
            ("run time (s)", F(seconds)),
            ("tickets before / after noon", $"{issued.Values.Count(e => e.Ts < At(12)):N0} / {issued.Values.Count(e => e.Ts >= At(12)):N0}"),
            ("mean wait (min)", F(waits.Average(w => w.Minutes))),
            ("median / p90 wait (min)", $"{F(Q(0.5))} / {F(Q(0.9))}"),
            ("waits over 15 min", P(waits.Count(w => w.Minutes > 15), waits.Count)),
            ("longest wait (min)", F(sorted[^1], "F0")),
            ("mean wait, issued 07:30–08:00 / 09:00–10:30 / 13:00–14:00", $"{F(Mean(w => w.Issued < At(8)))} / {F(Mean(w => w.Issued >= At(9) && w.Issued < At(10, 30)))} / {F(Mean(w => w.Issued >= At(13) && w.Issued < At(14)))}"),
            ("by 10:23: mean wait / over 15 / longest", $"{F(byTen23.Average(w => w.Minutes))} / {P(byTen23.Count(w => w.Minutes > 15), byTen23.Count)} / {F(byTen23.Max(w => w.Minutes), "F0")}"),
            ("most waiting in one hall at 10:23 / all day", $"{WaitingAt(At(10, 23))} / {mostWaiting}"),
            ("wards with a wait over 30 / 45 min", $"{wardMax.Count(kv => kv.Value > 30)} / {wardMax.Count(kv => kv.Value > 45)}"),
            ("service time certification / civil status / land (min)", $"{ServiceMean(ServiceCodes.ChungThuc)} / {ServiceMean(ServiceCodes.HoTich)} / {ServiceMean(ServiceCodes.DatDai)}"),
            ("re-called / no-show", $"{P(calls.Count(kv => kv.Value.Count > 1), calls.Count)} / {P(noShows, calls.Count)}"),
            ("desks open / paused / closed at 10:00", $"{desks10.Values.Count(e => e.Status == CounterStatuses.Open)} / {desks10.Values.Count(e => e.Status == CounterStatuses.Paused)} / {layout.Devices.Count(d => d.Kind == DeviceKinds.Counter) - desks10.Values.Count(e => e.Status != CounterStatuses.Closed)}"),
            ("robots in error or emergency at 10:30 / silent 10:10–11:00", $"{robots1030.Values.Count(e => e.Mode is "error" or "emergency")} / {robots.Count(r => !heard.Contains(r))} of {robots.Count}"),
            ("tickets issued by robots 10:10–11:00", issued.Values.Count(e => e.Channel == "robot" && e.Ts >= At(10, 10) && e.Ts < At(11)).ToString("N0", CultureInfo.InvariantCulture)),
            ("dossiers received / online", $"{received.Count:N0} / {P(received.Count(e => e.Channel == "online"), received.Count)}"),
            ("digitised / filed at another ward", $"{P(received.Count(e => e.Digitized == true), received.Count)} / {P(received.Count(e => e.ReceivedAt is not null), received.Count)}"),
            ("ratings / satisfied (4–5) / after 21:00", $"{ratings.Count:N0} / {P(ratings.Count(r => r.Score >= 4), ratings.Count)} / {ratings.Count(r => r.Ts >= At(21)):N0}"),
            ("batches delivered ≥ 5 s after sending / repeated", $"{P(batches.Count(d => (d.At - d.SentAt).TotalSeconds >= NetworkModel.LateAfterSeconds), batches.Count)} / {P(run.Deliveries.Count - batches.Count, batches.Count)}"),
            ("longest delay (s) / deliveries after midnight", $"{F(batches.Max(d => (d.At - d.SentAt).TotalSeconds), "F0")} / {run.Deliveries.Count(d => HanoiTime.DayOf(d.At) > day)}"),
            ("longest silence of the dossier system, 08–17 h (min)", F(silence, "F0")),
        ];
    }

    public string Scenario { get; }

    public IReadOnlyList<(string Label, string Value)> Rows { get; }

    private static string F(double x, string format = "F1") => x.ToString(format, CultureInfo.InvariantCulture);

    private static string P(int n, int of) => of == 0 ? "–" : (n / (double)of).ToString("P1", CultureInfo.InvariantCulture);
}
