using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// Plays the hall forward from now to the moment a ticket is called, the way desks work: each desk,
/// when free, calls the oldest waiting ticket among the services it handles; a desk busy with a
/// ticket frees up when that service ends; a paused desk comes back after a usual pause; a closed or
/// silent desk takes nobody, unless the ward opens it when a citizen has waited long (<see cref="OnDemandDesks"/>):
/// then it comes in once the oldest citizen it serves has waited that long. Service times are drawn from what the ward learned (a lognormal per
/// service, with each desk's pace, the no-shows and the gap before the next call), many times over,
/// and the answer is the median of those futures: the value that makes the mean absolute error
/// smallest. Seeded from the ticket, so the same hall gives the same answer.
/// </summary>
public static class QueueForecast
{
    private const int Runs = 48;
    private const int MaxSteps = 5_000;
    /// <summary>How long before a session's start a closed desk is taken to come in at it.</summary>
    private static readonly TimeSpan SessionAhead = TimeSpan.FromHours(1);

    /// <summary>
    /// A closed desk that works the sessions: one the ward has seen serve citizens. A ward that has seen none
    /// (its first morning) tells nobody a time before it opens rather than guess which desks are staffed.
    /// </summary>
    private static bool WorksSessions(ServiceTimeModel model, DeskNow desk) => model.DeskSeconds.ContainsKey(desk.Label);

    /// <summary>When <paramref name="target"/> will be called, or null when no desk serves its service.</summary>
    /// <param name="ahead">Waiting tickets before the target, oldest first.</param>
    public static DateTimeOffset? CallAt(WaitingKey target, IEnumerable<WaitingKey> ahead, IReadOnlyList<DeskNow> desks, ServiceTimeModel model, DateTimeOffset now)
    {
        // Loops, not LINQ: this runs for every ticket issued.
        var usable = new List<DeskNow>(desks.Count);
        var serving = false;
        foreach (var d in desks)
            if (d.Online && d.Status is "open" or "paused")
            {
                usable.Add(d);
                serving |= d.Serves(target.Service);
            }
        // Before 08:00 or over lunch the desks are closed: those that work the session come in at its start.
        var session = HanoiTime.NextSessionWithin(now, SessionAhead) is { } start ? (start - now).TotalSeconds : (double?)null;
        // A closed desk the ward opens when citizens have waited long comes in once one has (after the working ones).
        foreach (var d in desks)
        {
            if (!d.Online || d.Status != "closed") continue;
            var onDemand = model.OnDemand.OpensAfterSeconds(d.Label) is not null;
            var atSession = !onDemand && session is not null && WorksSessions(model, d);
            if (!onDemand && !atSession) continue;
            usable.Add(d);
            serving |= atSession && d.Serves(target.Service);
        }
        if (!serving) return null;
        var hall = new Hall(target, ahead, [.. usable], model, now, session);
        var futures = new double[Runs];
        var rng = new Random(unchecked((int)Ids.Hash(target.Label + target.IssuedAt.UtcTicks)));
        for (var r = 0; r < Runs; r++) futures[r] = hall.Run(rng);
        Array.Sort(futures);
        var median = futures[Runs / 2];
        return double.IsPositiveInfinity(median) ? null : now.AddSeconds(median);
    }

    /// <summary>The hall as it stands now, ready to be played forward many times.</summary>
    private sealed class Hall
    {
        // μ is kept for the first hours of a play; a play reaching further computes it each time.
        private const int CachedHours = 4;
        private readonly DeskNow[] _desks;
        private readonly ServiceTimeModel _model;
        private readonly DateTimeOffset _now;
        private readonly double _localSeconds;
        private readonly int _startHour;
        private readonly int[] _serviceOf;           // per ticket (FIFO), its service's index
        private readonly int[][] _queues;            // per service, its tickets (FIFO)
        private readonly string[] _services;
        private readonly int[][] _servesList;        // per desk, the services it takes, by index
        private readonly int _target;
        private readonly int[] _heads;
        private readonly double[] _issuedIn;         // per ticket, seconds from now to its issue (≤ 0 but for late news)
        private readonly double?[] _opensAfter;      // per desk closed now, the wait that makes the ward open it
        private readonly bool[] _closed;
        private readonly bool[] _closedNow;
        private readonly double? _session;           // seconds from now to the next session's start, outside office hours
        private readonly double[] _due;              // per desk, when it next calls in the future being played
        private readonly bool[] _active;             // per desk, whether it may still call someone in it
        // The model does not change while the hall is played: its figures are read once, not per draw.
        private readonly double[] _muAt;             // (service × hours from now × desk), the lognormal's μ, NaN until first needed
        private readonly double[] _sigma;            // per service
        private readonly double[] _deskFactor;       // per desk, its pace
        private readonly double _noShowShare, _noShowCost, _gap;
        private readonly bool[] _paused;
        private readonly Busy?[] _busy;              // per desk serving someone now
        private readonly double[] _freeIn;           // per free desk, seconds until it calls (its last citizen's papers)

        /// <summary>What a desk serving someone now has left to draw: from when, its service's lognormal, and the share of it already past.</summary>
        private readonly record struct Busy(double Start, double Mu, double Sigma, double Elapsed, double Below);

        public Hall(WaitingKey target, IEnumerable<WaitingKey> ahead, DeskNow[] desks, ServiceTimeModel model, DateTimeOffset now, double? session)
        {
            _session = session;
            _desks = desks;
            _model = model;
            _now = now;
            _localSeconds = HanoiTime.ToLocal(now).TimeOfDay.TotalSeconds;
            _startHour = HourIn(0);
            var tickets = new List<WaitingKey>(ahead);
            tickets.Add(target);
            _target = tickets.Count - 1;
            // A hall has a handful of services: found by a look along the list, in order of first appearance.
            var services = new List<string>(8);
            _serviceOf = new int[tickets.Count];
            _issuedIn = new double[tickets.Count];
            var sizes = new int[tickets.Count];
            for (var t = 0; t < tickets.Count; t++)
            {
                var at = services.IndexOf(tickets[t].Service);
                if (at < 0) { at = services.Count; services.Add(tickets[t].Service); }
                _serviceOf[t] = at;
                sizes[at]++;
                _issuedIn[t] = (tickets[t].IssuedAt - now).TotalSeconds;
            }
            _services = [.. services];
            _queues = new int[_services.Length][];
            for (var q = 0; q < _queues.Length; q++) (_queues[q], sizes[q]) = (new int[sizes[q]], 0);
            for (var t = 0; t < tickets.Count; t++) _queues[_serviceOf[t]][sizes[_serviceOf[t]]++] = t;
            _servesList = new int[desks.Length][];
            _opensAfter = new double?[desks.Length];
            _paused = new bool[desks.Length];
            _busy = new Busy?[desks.Length];
            _freeIn = new double[desks.Length];
            _deskFactor = new double[desks.Length];
            _sigma = new double[_services.Length];
            for (var q = 0; q < _services.Length; q++) _sigma[q] = model.LogSigma(_services[q]);
            (_noShowShare, _noShowCost, _gap) = (model.NoShowShare, model.NoShowCostSeconds, model.GapMeanSeconds);
            var serves = new List<int>(_services.Length);
            for (var d = 0; d < desks.Length; d++)
            {
                serves.Clear();
                for (var q = 0; q < _services.Length; q++) if (desks[d].Serves(_services[q])) serves.Add(q);
                _servesList[d] = [.. serves];
                _opensAfter[d] = desks[d].Status == "closed" ? model.OnDemand.OpensAfterSeconds(desks[d].Label) : null;
                _paused[d] = desks[d].Status == "paused";
                _deskFactor[d] = model.DeskFactor(desks[d].Label);
                _busy[d] = BusyNow(desks[d]);
                // A free desk files its last citizen's papers before it calls the next one (at most a gap from
                // now: a finish stamped after now is a device clock ahead of the center's, not a desk still busy).
                _freeIn[d] = model.LastFinish.TryGetValue(desks[d].Label, out var finished) ? Math.Clamp((finished - now).TotalSeconds + _gap, 0, _gap) : 0;
            }
            _heads = new int[_services.Length];
            _closed = new bool[desks.Length];
            _closedNow = new bool[desks.Length];
            for (var d = 0; d < desks.Length; d++) _closedNow[d] = desks[d].Status == "closed";
            _muAt = new double[_services.Length * CachedHours * desks.Length];
            Array.Fill(_muAt, double.NaN);
            _due = new double[desks.Length];
            _active = new bool[desks.Length];
        }

        private Busy? BusyNow(DeskNow desk)
        {
            if (desk.Status == "paused" || desk.Current is not { } current) return null;
            var service = current.Service ?? _services[0];
            var elapsed = (_now - current.CalledAt).TotalSeconds;
            // A call stamped after now (a forecast from the issue, the call known since): busy from then.
            var start = elapsed < 0 ? -elapsed : 0;
            var sigma = _model.LogSigma(service);
            var mu = ServiceDraw.Mu(_model, service, desk.Label, HourIn(0), sigma);
            var past = Math.Max(0, elapsed);
            return new Busy(start, mu, sigma, past, ServiceDraw.Below(mu, sigma, past));
        }

        /// <summary>Seconds from now to the target's call in one drawn future (∞ if no desk reaches it).</summary>
        public double Run(Random rng)
        {
            Array.Clear(_heads);
            Array.Copy(_closedNow, _closed, _closed.Length);
            for (var i = 0; i < _desks.Length; i++) (_due[i], _active[i]) = (FreeIn(i, rng), true);
            for (var step = 0; step < MaxSteps; step++)
            {
                // The desk that calls next: earliest, then the lowest index. A hall has a handful of
                // desks, so a look along them is cheaper than a heap.
                var desk = -1;
                for (var i = 0; i < _desks.Length; i++)
                    if (_active[i] && (desk < 0 || _due[i].CompareTo(_due[desk]) < 0)) desk = i;
                if (desk < 0) break;
                var at = _due[desk];
                var next = -1;
                foreach (var s in _servesList[desk])
                {
                    var queue = _queues[s];
                    if (_heads[s] >= queue.Length) continue;
                    var head = queue[_heads[s]];
                    if (next < 0 || head < next) next = head;
                }
                if (next < 0) { _active[desk] = false; continue; } // nothing left this desk may take
                if (_closed[desk])
                {
                    // Closed until the oldest citizen it would take has waited long enough (a desk opened on
                    // demand), and outside office hours not before the session starts.
                    var opensAt = _opensAfter[desk] is { } wait ? _issuedIn[next] + wait : double.NegativeInfinity;
                    if (_session is { } session && session > opensAt) opensAt = session;
                    if (opensAt > at) { _due[desk] = opensAt; continue; }
                    _closed[desk] = false;
                }
                if (next == _target) return at;
                _heads[_serviceOf[next]]++;
                _due[desk] = at + Ticket(_serviceOf[next], desk, at, rng);
            }
            return double.PositiveInfinity;
        }

        private int HourIn(double seconds) => (int)((_localSeconds + seconds) / 3600) % 24;

        /// <summary>How long a desk is taken by its next ticket of a service: a no-show, or a drawn service time, then the gap.</summary>
        private double Ticket(int service, int desk, double at, Random rng)
        {
            if (rng.NextDouble() < _noShowShare) return _noShowCost + _gap;
            var hour = HourIn(at);
            var sigma = _sigma[service];
            var later = (hour - _startHour + 24) % 24;
            double mu;
            if (later >= CachedHours) mu = Mu(service, desk, hour, sigma);
            else
            {
                var cell = (service * CachedHours + later) * _desks.Length + desk;
                if (double.IsNaN(_muAt[cell])) _muAt[cell] = Mu(service, desk, hour, sigma);
                mu = _muAt[cell];
            }
            return ServiceDraw.SecondsAbove(mu, sigma, 0, 0, rng.NextDouble()) + _gap;
        }

        /// <summary>As <see cref="ServiceDraw.Mu"/>, with the desk's pace read once.</summary>
        private double Mu(int service, int desk, int hour, double sigma) =>
            Math.Log(_model.MeanSeconds(_services[service], hour) * _deskFactor[desk]) - sigma * sigma / 2;

        /// <summary>Seconds from now until a desk can call its next ticket, in this future.</summary>
        private double FreeIn(int i, Random rng)
        {
            if (_paused[i]) return ServiceDraw.PauseLeft(_desks[i], _now, rng.NextDouble());
            if (_busy[i] is { } busy) return busy.Start + ServiceDraw.SecondsAbove(busy.Mu, busy.Sigma, busy.Elapsed, busy.Below, rng.NextDouble()) + _gap;
            return _freeIn[i];
        }
    }
}
