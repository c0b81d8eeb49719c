using Ioc.Silo.Wards;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Silo.Staffing;

/// <summary>
/// The hall as it stands now, played forward for the next hour and until everyone counted is called: the
/// citizens waiting now and those expected in the hour (learned per service and hour), the desks as
/// they are (a busy desk frees up after what is left of its service, a paused one comes back after a
/// usual pause, a closed or silent one takes nobody), each free desk calling the oldest waiting ticket
/// among the services it handles, a new citizen going to the desk free the longest, with the service
/// times, no-shows and gaps the ward learned. A plan changes one desk (<see cref="DeskChange"/>); the
/// changes already ordered and still in force are part of every plan.
/// </summary>
public sealed class StaffingHall
{
    /// <summary>How long a closed desk takes to open once ordered (the clerk sits down, the terminal wakes).</summary>
    public static readonly TimeSpan OpenDelay = TimeSpan.FromMinutes(1);

    /// <summary>Citizens not called this long after the hour are counted as waiting until then.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromHours(2);

    private const int MaxSteps = 20_000;

    private readonly ServiceTimeModel _model;
    private readonly DateTimeOffset _now;
    private readonly double _local;
    private readonly double _horizon;
    private readonly string[] _services;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Func<double, double>[] _rates;
    private readonly double[] _waitingIssued;   // seconds from now (≤ 0), oldest first
    private readonly int[] _waitingService;
    private readonly DeskNow[] _desks;
    private readonly Plan[] _base;

    public StaffingHall(DateTimeOffset now, IEnumerable<WaitingKey> waiting, IReadOnlyList<DeskNow> desks, ServiceTimeModel model,
        TimeSpan horizon, IEnumerable<DeskChange> inForce)
    {
        _model = model;
        _now = now;
        _local = HanoiTime.ToLocal(now).TimeOfDay.TotalSeconds;
        _horizon = horizon.TotalSeconds;
        var queue = waiting.Order().ToList();
        _services = [.. ServiceCodes.All.Union(queue.Select(k => k.Service)).Union(model.Arrivals.Services)
            .Union(desks.SelectMany(d => d.Services)).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
        for (var i = 0; i < _services.Length; i++) _index[_services[i]] = i;
        _rates = [.. _services.Select(s => model.Arrivals.RateFor(s, now))];
        _waitingIssued = [.. queue.Select(k => Math.Min(0, (k.IssuedAt - now).TotalSeconds))];
        _waitingService = [.. queue.Select(k => _index.GetValueOrDefault(k.Service))];
        _desks = [.. desks];
        _base = new Plan[_desks.Length];
        for (var d = 0; d < _desks.Length; d++) _base[d] = AsNow(_desks[d]);
        foreach (var c in inForce) Apply(_base, c);
    }

    public DateTimeOffset Now => _now;

    public int Waiting => _waitingIssued.Length;

    /// <summary>Services known to the hall, in the order the plans index them.</summary>
    public IReadOnlyList<string> Services => _services;

    /// <summary>Citizens of each service waiting now.</summary>
    public int WaitingFor(string service) => _index.TryGetValue(service, out var s) ? _waitingService.Count(x => x == s) : 0;

    /// <summary>Draws one future: the arrivals of the next hour and every chance draw (seeded, so a run is repeatable).</summary>
    public HallFuture Draw(Random rng)
    {
        var arrivals = new List<(double, int)>();
        var toHour = 3600 - _local % 3600;
        for (var s = 0; s < _services.Length; s++)
        {
            // A Poisson process whose rate is constant within each hour of day: memoryless, so restart at each boundary.
            for (var from = 0.0; from < _horizon;)
            {
                var end = Math.Min(_horizon, from < toHour ? toHour : toHour + Math.Floor((from - toHour) / 3600 + 1) * 3600);
                var rate = _rates[s](from);
                if (rate <= 0) { from = end; continue; }
                var t = from - Math.Log(1 - rng.NextDouble()) / rate;
                if (t >= end) { from = end; continue; }
                arrivals.Add((t, s));
                from = t;
            }
        }
        arrivals.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        var n = _waitingIssued.Length + arrivals.Count;
        return new HallFuture
        {
            Arrivals = [.. arrivals],
            ServiceDraws = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble())],
            NoShowDraws = [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble())],
            DeskDraws = [.. Enumerable.Range(0, _desks.Length).Select(_ => rng.NextDouble())],
        };
    }

    /// <summary>The desks as they are, with the changes in force, and <paramref name="change"/> if given.</summary>
    public PlayOutcome Play(HallFuture future, DeskChange? change = null)
    {
        var plans = _base;
        if (change is not null)
        {
            plans = (Plan[])_base.Clone();
            Apply(plans, change);
        }
        return new Playout(this, plans, future).Run();
    }

    /// <summary>What a desk does in the played hour: when it can first call, what it serves before and after a switch.</summary>
    private sealed record Plan(bool Takes, bool Opening, bool[] Before, double SwitchAt, bool[]? After);

    private Plan AsNow(DeskNow d)
    {
        var takes = d.Online && d.Status is CounterStatuses.Open or CounterStatuses.Paused;
        return new Plan(takes, false, Mask(d.Services), double.PositiveInfinity, null);
    }

    private void Apply(Plan[] plans, DeskChange change)
    {
        var d = Array.FindIndex(_desks, x => x.Label == change.Desk);
        if (d < 0 || !_desks[d].Online) return;
        var was = plans[d];
        var until = Math.Max(0, (change.Until - _now).TotalSeconds);
        // A closed desk opens for the change and closes again after it; an open one goes back to what it served.
        plans[d] = was.Takes && !change.ClosesAfter
            ? new Plan(true, false, Mask(change.Serves), until, change.ServesAfter is { } after ? Mask(after) : was.Before)
            : new Plan(true, !was.Takes, Mask(change.Serves), until, null);
    }

    private bool[] Mask(IReadOnlyList<string> serves) =>
        [.. _services.Select(s => serves.Count == 0 || serves.Contains(s))];

    /// <summary>One play of one future under one plan.</summary>
    private sealed class Playout(StaffingHall hall, Plan[] plans, HallFuture future)
    {
        private readonly PriorityQueue<(int Desk, int Version), (double At, int Desk)> _free = new();
        private readonly int[] _version = new int[plans.Length];
        private readonly double[] _idleSince = new double[plans.Length];
        private readonly List<int>[] _queues = [.. hall._services.Select(_ => new List<int>())];
        private readonly int[] _heads = new int[hall._services.Length];
        private double _total, _longest;

        private int Citizens => hall._waitingIssued.Length + future.Arrivals.Length;

        private double IssuedAt(int k) => k < hall._waitingIssued.Length ? hall._waitingIssued[k] : future.Arrivals[k - hall._waitingIssued.Length].At;

        private int ServiceOf(int k) => k < hall._waitingIssued.Length ? hall._waitingService[k] : future.Arrivals[k - hall._waitingIssued.Length].Service;

        public PlayOutcome Run()
        {
            var model = hall._model;
            var waiting = hall._waitingIssued.Length;
            for (var k = 0; k < waiting; k++) _queues[hall._waitingService[k]].Add(k);
            Array.Fill(_idleSince, double.NaN);
            for (var d = 0; d < plans.Length; d++)
                if (plans[d].Takes) _free.Enqueue((d, 0), (FirstFree(d), d));
            var cap = hall._horizon + Tail.TotalSeconds;
            var called = 0;
            var next = 0; // next arrival
            for (var step = 0; step < MaxSteps && called < Citizens; step++)
            {
                var freeAt = _free.TryPeek(out _, out var due) ? due.At : double.PositiveInfinity;
                var arrivesAt = next < future.Arrivals.Length ? future.Arrivals[next].At : double.PositiveInfinity;
                if (Math.Min(freeAt, arrivesAt) > cap) break;
                if (arrivesAt <= freeAt)
                {
                    var k = waiting + next++;
                    var s = ServiceOf(k);
                    _queues[s].Add(k);
                    // The desk free the longest among those that may take it calls it at once.
                    var best = -1;
                    for (var d = 0; d < plans.Length; d++)
                        if (!double.IsNaN(_idleSince[d]) && Serves(d, s, arrivesAt) && (best < 0 || _idleSince[d] < _idleSince[best])) best = d;
                    if (best >= 0 && Call(best, arrivesAt)) called++;
                    continue;
                }
                var (desk, version) = _free.Dequeue();
                if (version != _version[desk]) continue;
                var plan = plans[desk];
                if (plan.After is null && freeAt >= plan.SwitchAt) continue; // its hour is over: it closes
                _idleSince[desk] = double.NaN;
                if (Call(desk, freeAt)) { called++; continue; }
                _idleSince[desk] = freeAt;
                // Idle until it may take other services: look again when it switches.
                if (plan.SwitchAt > freeAt && !double.IsPositiveInfinity(plan.SwitchAt)) _free.Enqueue((desk, _version[desk]), (plan.SwitchAt, desk));
            }
            // Whoever is still waiting at the cap counts as waiting until then.
            for (var s = 0; s < _queues.Length; s++)
                for (var i = _heads[s]; i < _queues[s].Count; i++) Count(cap - IssuedAt(_queues[s][i]));
            for (var k = waiting + next; k < Citizens; k++) Count(cap - IssuedAt(k));
            return new PlayOutcome(_total, _longest, Citizens);

            double FirstFree(int d)
            {
                var now = hall._desks[d];
                var u = future.DeskDraws[d];
                if (plans[d].Opening) return OpenDelay.TotalSeconds;
                if (now.Status == CounterStatuses.Paused) return ServiceDraw.PauseLeft(now, hall._now, u);
                if (now.Current is not { } current) return 0;
                var elapsed = (hall._now - current.CalledAt).TotalSeconds;
                var service = current.Service ?? hall._services[0];
                return Math.Max(0, -elapsed) + ServiceDraw.Seconds(model, service, now.Label, Hour(0), Math.Max(0, elapsed), u) + model.GapMeanSeconds;
            }
        }

        private bool Serves(int d, int s, double at) => at < plans[d].SwitchAt ? plans[d].Before[s] : plans[d].After?[s] ?? false;

        /// <summary>The desk calls the oldest waiting citizen among the services it handles at that moment, if any.</summary>
        private bool Call(int d, double at)
        {
            var pick = -1;
            for (var s = 0; s < _queues.Length; s++)
            {
                if (_heads[s] >= _queues[s].Count || !Serves(d, s, at)) continue;
                if (pick < 0 || _queues[s][_heads[s]] < _queues[pick][_heads[pick]]) pick = s;
            }
            if (pick < 0) return false;
            var k = _queues[pick][_heads[pick]++];
            Count(at - IssuedAt(k));
            _version[d]++;
            _idleSince[d] = double.NaN;
            _free.Enqueue((d, _version[d]), (at + Busy(k, d, at), d));
            return true;
        }

        /// <summary>How long a desk is taken by a citizen: a no-show, or the drawn service time; then the gap before the next call.</summary>
        private double Busy(int k, int d, double at)
        {
            var model = hall._model;
            if (future.NoShowDraws[k] < model.NoShowShare) return model.NoShowCostSeconds + model.GapMeanSeconds;
            var service = hall._services[ServiceOf(k)];
            return ServiceDraw.Seconds(model, service, hall._desks[d].Label, Hour(at), 0, future.ServiceDraws[k]) + model.GapMeanSeconds;
        }

        private int Hour(double seconds) => (int)((hall._local + seconds) / 3600) % 24;

        private void Count(double wait)
        {
            wait = Math.Max(0, wait);
            _total += wait;
            if (wait > _longest) _longest = wait;
        }
    }
}
