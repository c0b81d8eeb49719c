using System.Text;
using Ioc.Telemetry;

namespace Ioc.Bench.Ingest;

public enum BizKind : byte { Issued, Called, Served, Rating, DossierReceived, DossierResolved }

/// <summary>A business event of a batch in flight: applied to the generator's books only on 202.</summary>
public readonly record struct BizItem(WardSim Ward, BizKind Kind, string? Item);

/// <summary>What a built batch holds, so its answer can be booked.</summary>
public sealed class PendingBatch
{
    public Device Device = null!;
    public int Events, States;
    public readonly List<BizItem> Business = [];
    public long FinalTsMs;
    public double FinalX, FinalY, FinalBattery;
    public string? FinalMode, FinalStatus;
    public string[]? FinalServices;

    public void Reset(Device device)
    {
        Device = device;
        Events = States = 0;
        Business.Clear();
        FinalTsMs = 0;
        FinalMode = FinalStatus = null;
        FinalServices = null;
    }
}

/// <summary>
/// Builds one request body for one device (one per worker, reused). State messages are spaced
/// in time like buffered samples, strictly after the device's previous ones, ending at "now";
/// business events carry "now".
/// </summary>
public sealed class BatchBuilder(int worker, string runId, double businessShare, int seed)
{
    private const double HallWidth = 20, HallHeight = 16;
    private const int WaitingCap = 15;
    private const int SampleMs = 100;
    private static readonly string[] Procedures =
        ["Chứng thực bản sao", "Đăng ký khai sinh", "Đăng ký kết hôn", "Cấp giấy phép xây dựng", "Đăng ký hộ kinh doanh", "Cấp đổi sổ đỏ", "Trợ cấp xã hội"];
    private static readonly string[] DossierChannels = ["online", "in_person", "postal"];
    private static readonly string[] Issues = ["lost localization", "bumper pressed", "wheel stall"];

    private readonly Random _rng = new(seed);
    private readonly byte[] _idPrefix = Encoding.ASCII.GetBytes($"{runId}-{worker:x}-");
    private long _seq;

    public JsonOut Json { get; } = new();
    public PendingBatch Pending { get; } = new();

    public void Build(Device d, int n, long nowMs, IReadOnlyList<WardSim> wards)
    {
        Pending.Reset(d);
        Json.Clear();
        Json.Raw("{\"events\":["u8);
        var first = true;
        switch (d.Kind)
        {
            case DeviceKind.Robot or DeviceKind.Counter:
            {
                var business = (int)(n * businessShare);
                if (_rng.NextDouble() < n * businessShare - business) business++;
                var states = n - business;
                // Buffered samples at 10 Hz when there is room, otherwise tighter, always after the last one.
                var room = nowMs - d.LastTsMs;
                var step = states <= 1 ? 1 : Math.Clamp(room / states, 1, SampleMs);
                var end = Math.Max(nowMs, d.LastTsMs + states * step);
                for (var i = 0; i < states; i++)
                {
                    var ts = end - (states - 1 - i) * step;
                    Comma(ref first);
                    if (d.Kind == DeviceKind.Robot) Robot(d, ts, step / 1000.0);
                    else Counter(d, ts);
                }
                if (states > 0) d.LastTsMs = end;
                var issued = 0;
                for (var i = 0; i < business; i++)
                {
                    Comma(ref first);
                    if (d.Kind == DeviceKind.Robot) Visitor(d, nowMs, "robot", ref issued);
                    else Desk(d, nowMs);
                }
                Pending.States = states;
                break;
            }
            case DeviceKind.Kiosk:
            {
                var issued = 0;
                for (var i = 0; i < n; i++)
                {
                    Comma(ref first);
                    Visitor(d, nowMs, "kiosk", ref issued);
                }
                break;
            }
            default:
                for (var i = 0; i < n; i++)
                {
                    Comma(ref first);
                    Dossier(d, wards[_rng.Next(wards.Count)], nowMs);
                }
                break;
        }
        Json.Raw("]}"u8);
        Pending.Events = n;
    }

    private void Comma(ref bool first)
    {
        if (!first) Json.Raw(","u8);
        first = false;
    }

    private void Open(ReadOnlySpan<byte> typePrefix)
    {
        Json.Raw(typePrefix);
        Json.Raw(_idPrefix);
        Json.Hex(_seq++);
    }

    private void Envelope(ReadOnlySpan<byte> typePrefix, Device d, long ts)
    {
        Open(typePrefix);
        Json.Raw(d.Head);
        Json.Time(ts);
    }

    private void Robot(Device d, long ts, double dt)
    {
        // Mode changes now and then; a low battery sends the robot to charge.
        if (d.Mode == "charging")
        {
            d.Battery = Math.Min(100, d.Battery + 0.05);
            if (d.Battery >= 95) SetMode(d, "idle");
        }
        else if (d.Battery < 22) SetMode(d, "charging");
        else if (--d.ModeLeft <= 0)
        {
            var r = _rng.NextDouble();
            SetMode(d, r < 0.00002 ? "error" : r < 0.5 ? "guiding" : r < 0.8 ? "delivering" : "idle");
        }
        var moving = d.Mode is "guiding" or "delivering";
        if (moving)
        {
            d.X += d.Vx * dt;
            d.Y += d.Vy * dt;
            if (d.X < 0.5 || d.X > HallWidth - 0.5) { d.Vx = -d.Vx; d.X = Math.Clamp(d.X, 0.5, HallWidth - 0.5); }
            if (d.Y < 0.5 || d.Y > HallHeight - 0.5) { d.Vy = -d.Vy; d.Y = Math.Clamp(d.Y, 0.5, HallHeight - 0.5); }
            d.Yaw = Math.Atan2(d.Vy, d.Vx);
            d.Battery -= 0.004;
        }
        else if (d.Mode != "charging") d.Battery -= 0.001;

        Envelope("{\"type\":\"robot.state\",\"id\":\""u8, d, ts);
        Json.Raw(",\"pose\":{\"x\":"u8);
        var x = Json.Fixed3(d.X);
        Json.Raw(",\"y\":"u8);
        var y = Json.Fixed3(d.Y);
        Json.Raw(",\"yaw\":"u8);
        Json.Fixed3(d.Yaw);
        Json.Raw(",\"floor\":\"G\"},\"battery\":"u8);
        var battery = Json.Fixed3(d.Battery);
        Json.Raw(",\"mode\":"u8);
        Json.Str(d.Mode);
        if (d.Issue is { } issue)
        {
            Json.Raw(",\"issue\":"u8);
            Json.Str(issue);
        }
        Json.Raw("}"u8);
        Pending.FinalTsMs = ts;
        Pending.FinalX = x;
        Pending.FinalY = y;
        Pending.FinalBattery = battery;
        Pending.FinalMode = d.Mode;
    }

    private void SetMode(Device d, string mode)
    {
        d.Mode = mode;
        d.Issue = mode == "error" ? Issues[_rng.Next(Issues.Length)] : null;
        d.ModeLeft = mode == "error" ? 50 : 100 + _rng.Next(400);
        if (mode is "guiding" or "delivering")
        {
            var heading = _rng.NextDouble() * 2 * Math.PI;
            var speed = 0.4 + _rng.NextDouble() * 0.6;
            d.Vx = speed * Math.Cos(heading);
            d.Vy = speed * Math.Sin(heading);
        }
    }

    private void Counter(Device d, long ts)
    {
        if (--d.StatusLeft <= 0)
        {
            d.Status = _rng.NextDouble() < 0.9 ? CounterStatuses.Open : CounterStatuses.Paused;
            d.StatusLeft = 200 + _rng.Next(800);
            if (_rng.NextDouble() < 0.1) d.Services = Fleet.PickServices(_rng);
        }
        Envelope("{\"type\":\"counter.state\",\"id\":\""u8, d, ts);
        Json.Raw(",\"counter\":"u8);
        Json.Str(d.Label);
        Json.Raw(",\"status\":"u8);
        Json.Str(d.Status);
        Json.Raw(",\"services\":["u8);
        for (var i = 0; i < d.Services.Length; i++)
        {
            if (i > 0) Json.Raw(","u8);
            Json.Str(d.Services[i]);
        }
        Json.Raw("]}"u8);
        Pending.FinalTsMs = ts;
        Pending.FinalStatus = d.Status;
        Pending.FinalServices = d.Services;
    }

    /// <summary>What a citizen does at a robot or kiosk: take a ticket, or rate the service.</summary>
    private void Visitor(Device d, long now, string channel, ref int issued)
    {
        var ward = d.Ward!;
        if (_rng.NextDouble() < 0.65 && ward.Waiting.Count + issued < WaitingCap)
        {
            issued++;
            var s = _rng.Next(ServiceCodes.All.Count);
            var ticket = $"{(char)('A' + s)}{Interlocked.Increment(ref ward.TicketSeq):D4}";
            Envelope("{\"type\":\"ticket.issued\",\"id\":\""u8, d, now);
            Json.Raw(",\"ticket\":"u8);
            Json.Str(ticket);
            Json.Raw(",\"service\":"u8);
            Json.Str(ServiceCodes.All[s]);
            Json.Raw(",\"channel\":"u8);
            Json.Str(channel);
            Json.Raw("}"u8);
            Pending.Business.Add(new BizItem(ward, BizKind.Issued, ticket));
        }
        else Rating(d, now, counter: null);
    }

    /// <summary>A desk serves what it called, calls who waits, or is rated.</summary>
    private void Desk(Device d, long now)
    {
        var ward = d.Ward!;
        if (d.Called.Count > 0 && _rng.NextDouble() < 0.9)
        {
            var ticket = d.Called[^1];
            d.Called.RemoveAt(d.Called.Count - 1);
            TicketAtDesk("{\"type\":\"ticket.served\",\"id\":\""u8, d, now, ticket);
            Pending.Business.Add(new BizItem(ward, BizKind.Served, ticket));
        }
        else if (ward.Waiting.TryDequeue(out var ticket))
        {
            TicketAtDesk("{\"type\":\"ticket.called\",\"id\":\""u8, d, now, ticket);
            Pending.Business.Add(new BizItem(ward, BizKind.Called, ticket));
        }
        else Rating(d, now, d.Label);
    }

    private void TicketAtDesk(ReadOnlySpan<byte> typePrefix, Device d, long now, string ticket)
    {
        Envelope(typePrefix, d, now);
        Json.Raw(",\"ticket\":"u8);
        Json.Str(ticket);
        Json.Raw(",\"counter\":"u8);
        Json.Str(d.Label);
        Json.Raw("}"u8);
    }

    private void Rating(Device d, long now, string? counter)
    {
        Envelope("{\"type\":\"rating.submitted\",\"id\":\""u8, d, now);
        var r = _rng.NextDouble();
        Json.Raw(",\"score\":"u8);
        Json.Long(r < 0.5 ? 5 : r < 0.8 ? 4 : r < 0.92 ? 3 : r < 0.97 ? 2 : 1);
        if (counter is not null)
        {
            Json.Raw(",\"counter\":"u8);
            Json.Str(counter);
        }
        Json.Raw("}"u8);
        Pending.Business.Add(new BizItem(d.Ward!, BizKind.Rating, null));
    }

    /// <summary>The administrative-procedure system: receives dossiers and later resolves them.</summary>
    private void Dossier(Device d, WardSim ward, long now)
    {
        if (_rng.NextDouble() < 0.5 && ward.OpenDossiers.TryDequeue(out var open))
        {
            Open("{\"type\":\"dossier.resolved\",\"id\":\""u8);
            DossierHead(d, ward, now);
            Json.Raw(",\"dossier\":"u8);
            Json.Str(open);
            Json.Raw("}"u8);
            Pending.Business.Add(new BizItem(ward, BizKind.DossierResolved, open));
            return;
        }
        var dossier = $"HS-{ward.Code}-{Interlocked.Increment(ref ward.DossierSeq):D6}";
        var s = _rng.Next(ServiceCodes.All.Count);
        Open("{\"type\":\"dossier.received\",\"id\":\""u8);
        DossierHead(d, ward, now);
        Json.Raw(",\"dossier\":"u8);
        Json.Str(dossier);
        Json.Raw(",\"procedure\":\""u8);
        // Vietnamese procedure names: the only non-ASCII text, so written as UTF-8 here.
        var procedure = Procedures[s];
        Json.Raw(Encoding.UTF8.GetBytes(procedure));
        Json.Raw("\",\"service\":"u8);
        Json.Str(ServiceCodes.All[s]);
        Json.Raw(",\"channel\":"u8);
        Json.Str(DossierChannels[_rng.Next(DossierChannels.Length)]);
        Json.Raw(",\"dueAt\":"u8);
        Json.Time(now + (long)TimeSpan.FromDays(2 + _rng.Next(14)).TotalMilliseconds);
        Json.Raw("}"u8);
        Pending.Business.Add(new BizItem(ward, BizKind.DossierReceived, dossier));
    }

    private void DossierHead(Device d, WardSim ward, long now)
    {
        Json.Raw(d.HeadNoWard);
        Json.Raw(ward.CodeBytes);
        Json.Raw("\",\"ts\":"u8);
        Json.Time(now);
    }
}
