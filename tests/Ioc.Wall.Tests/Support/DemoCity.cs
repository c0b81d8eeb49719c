using System.Text.Json.Nodes;
using Ioc.Halls;
using Ioc.Telemetry;
using Ioc.Wards;
using static Ioc.Testing.Telemetry;

namespace Ioc.Wall.Tests.Support;

/// <summary>
/// A working morning of the 126 units posted through the ingest API like the devices would:
/// one dossier system for the city, a counter device with 3–8 desks per unit, one or two queue
/// robots per unit walking between the entrance, the waiting area and the desks, citizens
/// taking tickets (busier in the urban core and at mid-morning), desks calling and serving them,
/// ratings, and dossiers of which a few are late. Deterministic (seeded) so screenshots repeat.
/// </summary>
public sealed class DemoCity(WallHost host, int seed = 2026)
{
    private sealed class Unit
    {
        public required string Code;
        public required string CounterDevice;
        public required string CounterKey;
        public required List<(string Id, string Key)> Robots;
        public required HallPlan Hall;
        public required double Busy;
        public int NextTicket;
        public readonly Queue<(string Ticket, string Service, DateTimeOffset At)> Waiting = new();
        public readonly Dictionary<string, (string Ticket, DateTimeOffset Until)?> Desks = new();
        public bool CounterSilent;
    }

    private readonly Random _rng = new(seed);
    private readonly List<Unit> _units = [];
    private readonly Dictionary<string, (double X, double Y, double Yaw, double Battery, string Mode, string? Issue)> _robotState = [];
    private string _dvcKey = "";
    private const string Dvc = "demo-dvc";

    public IReadOnlyList<string> Codes => [.. _units.Select(u => u.Code)];

    public async Task Provision()
    {
        var all = WardDirectory.Load("hanoi").All;
        _dvcKey = await host.Provision(Dvc, DeviceKinds.DossierSystem, "", [.. all.Select(w => w.Code)]);
        foreach (var w in all)
        {
            var core = w.Type == "ward";
            var desks = core ? _rng.Next(5, 9) : _rng.Next(3, 6);
            var counter = $"demo-ctr-{w.Code}";
            var robots = new List<(string, string)>();
            for (var r = 1; r <= (core && _rng.NextDouble() < 0.5 ? 2 : 1); r++)
            {
                var id = $"demo-rb-{w.Code}-{r}";
                robots.Add((id, await host.Provision(id, DeviceKinds.Robot, w.Code)));
            }
            var unit = new Unit
            {
                Code = w.Code,
                CounterDevice = counter,
                CounterKey = await host.Provision(counter, DeviceKinds.Counter, w.Code),
                Robots = robots,
                Hall = HallPlan.Standard(desks),
                // People per business minute at the morning's peak.
                Busy = (core ? 0.55 : 0.28) * (0.6 + _rng.NextDouble() * 0.9),
            };
            for (var d = 1; d <= desks; d++) unit.Desks[d.ToString(System.Globalization.CultureInfo.InvariantCulture)] = null;
            _units.Add(unit);
            foreach (var (id, _) in robots)
            {
                var dock = unit.Hall.Dock;
                _robotState[id] = (dock.X + dock.Width / 2, dock.Y + dock.Height / 2, 0, 60 + _rng.NextDouble() * 40, "idle", null);
            }
        }
        // A few stories for the wall: a queue that is out of hand, a robot stopped, one low on battery.
        _units.First(u => u.Code == "00292").Busy = 2.4; // Bạch Mai
        _units.First(u => u.Code == "09556").Busy = 1.9; // Hà Đông
        _units.First(u => u.Code == "00145").Busy = 1.6; // Long Biên
        var stopped = _units.First(u => u.Code == "00118").Robots[0].Id; // Bồ Đề
        _robotState[stopped] = _robotState[stopped] with { Mode = "emergency", Issue = "Va chạm với xe lăn" };
        var low = _units.First(u => u.Code == "00367").Robots[0].Id; // Thanh Xuân
        _robotState[low] = _robotState[low] with { Battery = 13, Mode = "guiding" };
    }

    /// <summary>Dossiers already in the system when the morning starts: most on time, a few late, some due today.</summary>
    public async Task SeedDossiers(DateTimeOffset now)
    {
        var procedures = new (string Name, string Service)[]
        {
            ("Đăng ký khai sinh", ServiceCodes.HoTich), ("Chứng thực bản sao từ bản chính", ServiceCodes.ChungThuc),
            ("Đăng ký kết hôn", ServiceCodes.HoTich), ("Cấp giấy chứng nhận quyền sử dụng đất", ServiceCodes.DatDai),
            ("Cấp giấy phép xây dựng nhà ở riêng lẻ", ServiceCodes.XayDung), ("Đăng ký hộ kinh doanh", ServiceCodes.KinhDoanh),
            ("Trợ cấp xã hội hằng tháng", ServiceCodes.XaHoi),
        };
        var batch = new List<JsonObject>();
        var n = 0;
        foreach (var u in _units)
        {
            var count = _rng.Next(4, 14);
            for (var i = 0; i < count; i++)
            {
                var (name, service) = procedures[_rng.Next(procedures.Length)];
                var received = now.AddDays(-_rng.Next(1, 12)).AddHours(-_rng.Next(0, 8));
                var roll = _rng.NextDouble();
                var due = roll < 0.012 ? now.AddHours(-_rng.Next(2, 60))         // late
                    : roll < 0.15 ? now.AddHours(_rng.Next(3, 22))               // due later today or tonight
                    : now.AddDays(_rng.Next(2, 15));
                batch.Add(Received(Dvc, u.Code, received, $"HS-{u.Code}-{++n:0000}", due, channel: _rng.NextDouble() < 0.6 ? "online" : "in_person", service: service, procedure: name));
            }
        }
        foreach (var chunk in batch.Chunk(2000)) await host.PostAccepted(_dvcKey, chunk);
    }

    /// <summary>Every desk and robot says it is there (keeps them online; a device silent for 60 s is offline).</summary>
    public async Task Heartbeat(DateTimeOffset now)
    {
        var tasks = new List<Task>();
        foreach (var u in _units)
        {
            if (!u.CounterSilent)
            {
                var states = u.Desks.Keys.Select((d, i) => CounterState(u.CounterDevice, u.Code, now, d,
                    i == u.Desks.Count - 1 && u.Desks.Count > 4 ? "paused" : "open", DeskServices(i))).ToArray();
                tasks.Add(host.PostAccepted(u.CounterKey, states));
            }
            foreach (var (id, key) in u.Robots) tasks.Add(host.PostAccepted(key, RobotNow(u, id, now, move: false)));
            if (tasks.Count >= 24) { await Task.WhenAll(tasks); tasks.Clear(); }
        }
        await Task.WhenAll(tasks);
    }

    /// <summary>One step of the morning: arrivals, calls, services, ratings, dossiers resolved, robots moving.</summary>
    public async Task Step(DateTimeOffset from, DateTimeOffset to)
    {
        var minutes = (to - from).TotalMinutes;
        if (minutes <= 0) return;
        var local = Ioc.Time.HanoiTime.ToLocal(to);
        var hour = local.Hour + local.Minute / 60.0;
        // Citizens come from 8:00, most between 9:00 and 10:30.
        var profile = hour < 8 ? 0.1 : hour < 9 ? 0.7 : hour < 10.5 ? 1.25 : 0.9;
        var events = new List<JsonObject>();
        foreach (var u in _units)
        {
            var arrivals = Poisson(u.Busy * profile * minutes);
            for (var i = 0; i < arrivals; i++)
            {
                var at = from + TimeSpan.FromMinutes(_rng.NextDouble() * minutes);
                var service = PickService();
                var ticket = $"{(char)('A' + ServiceCodes.All.ToList().IndexOf(service))}{++u.NextTicket:000}";
                u.Waiting.Enqueue((ticket, service, at));
                events.Add(Issued(Dvc, u.Code, at, ticket, service, _rng.NextDouble() < 0.5 ? "robot" : "kiosk"));
            }
            foreach (var desk in u.Desks.Keys.ToList())
            {
                if (desk == u.Desks.Keys.Last() && u.Desks.Count > 4) continue; // the paused desk
                var current = u.Desks[desk];
                if (current is { } c && c.Until <= to)
                {
                    events.Add(Ticket("ticket.served", Dvc, u.Code, c.Until, c.Ticket, desk));
                    if (_rng.NextDouble() < 0.45) events.Add(Rating(Dvc, u.Code, c.Until.AddSeconds(20), RatingScore()));
                    u.Desks[desk] = current = null;
                }
                if (current is null && u.Waiting.Count > 0 && _rng.NextDouble() < 0.8)
                {
                    var (ticket, _, issuedAt) = u.Waiting.Dequeue();
                    var calledAt = issuedAt > from ? issuedAt.AddSeconds(30) : from.AddSeconds(_rng.NextDouble() * Math.Max(1, minutes * 60 - 1));
                    if (calledAt > to) calledAt = to;
                    events.Add(Ticket("ticket.called", Dvc, u.Code, calledAt, ticket, desk));
                    u.Desks[desk] = (ticket, calledAt.AddMinutes(5 + _rng.NextDouble() * 9));
                }
            }
        }
        foreach (var chunk in events.Chunk(4000)) await host.PostAccepted(_dvcKey, chunk);

        // The robots of the core move every step; the others now and then.
        var moves = new List<Task>();
        foreach (var u in _units)
            foreach (var (id, key) in u.Robots)
                if (u.Busy > 0.5 || _rng.NextDouble() < 0.3)
                {
                    moves.Add(host.PostAccepted(key, RobotNow(u, id, to, move: true)));
                    if (moves.Count >= 24) { await Task.WhenAll(moves); moves.Clear(); }
                }
        await Task.WhenAll(moves);
    }

    /// <summary>A desk device that stops talking: its desks go offline a minute later.</summary>
    public void Silence(string code) => _units.First(u => u.Code == code).CounterSilent = true;

    private JsonObject RobotNow(Unit u, string id, DateTimeOffset now, bool move)
    {
        var s = _robotState[id];
        if (move && s.Mode is not ("emergency" or "error"))
        {
            // Walk towards a point in the waiting area or a desk, a metre or two per step.
            var target = _rng.NextDouble() < 0.6
                ? (X: u.Hall.WaitingArea.X + _rng.NextDouble() * u.Hall.WaitingArea.Width, Y: u.Hall.WaitingArea.Y + _rng.NextDouble() * u.Hall.WaitingArea.Height)
                : (X: u.Hall.Desks[_rng.Next(u.Hall.Desks.Length)].X, Y: u.Hall.Desks[0].Y - 1.5);
            var dx = target.X - s.X;
            var dy = target.Y - s.Y;
            var d = Math.Sqrt(dx * dx + dy * dy);
            var step = Math.Min(d, 1.2 + _rng.NextDouble() * 1.5);
            if (d > 0.01)
            {
                s.X += dx / d * step;
                s.Y += dy / d * step;
                s.Yaw = Math.Atan2(dy, dx);
            }
            s.Battery = Math.Max(5, s.Battery - 0.05);
            s.Mode = _rng.NextDouble() < 0.7 ? "guiding" : "idle";
        }
        _robotState[id] = s;
        return RobotState(id, u.Code, now, Math.Round(s.X, 2), Math.Round(s.Y, 2), Math.Round(s.Yaw, 3), Math.Round(s.Battery, 1), s.Mode, s.Issue);
    }

    private static string[] DeskServices(int desk) => (desk % 4) switch
    {
        0 => [ServiceCodes.ChungThuc],
        1 => [ServiceCodes.HoTich, ServiceCodes.XaHoi],
        2 => [ServiceCodes.DatDai, ServiceCodes.XayDung],
        _ => [ServiceCodes.KinhDoanh, ServiceCodes.Khac, ServiceCodes.ChungThuc],
    };

    private string PickService()
    {
        var r = _rng.NextDouble();
        return r < 0.35 ? ServiceCodes.ChungThuc : r < 0.6 ? ServiceCodes.HoTich : r < 0.72 ? ServiceCodes.DatDai
            : r < 0.8 ? ServiceCodes.XayDung : r < 0.88 ? ServiceCodes.KinhDoanh : r < 0.96 ? ServiceCodes.XaHoi : ServiceCodes.Khac;
    }

    private int RatingScore()
    {
        var r = _rng.NextDouble();
        return r < 0.55 ? 5 : r < 0.85 ? 4 : r < 0.95 ? 3 : r < 0.98 ? 2 : 1;
    }

    private int Poisson(double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= _rng.NextDouble(); } while (p > l && k < 200);
        return k - 1;
    }
}
