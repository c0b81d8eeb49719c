using Ioc.Telemetry;

namespace Ioc.Simulator.Model;

/// <summary>A one-stop desk of a hall during the day: its status, its current ticket, its plans.</summary>
internal sealed class Desk(int index, string deviceId, string label, string[] services, double speed, bool isFlex)
{
    public int Index { get; } = index;
    public string DeviceId { get; } = deviceId;
    public string Label { get; } = label;

    /// <summary>What the desk serves now: its own services, or what a ward chief's order says for a while.</summary>
    public string[] Services { get; set; } = services;

    /// <summary>What the desk serves by the day's plan.</summary>
    public string[] OwnServices { get; } = services;

    /// <summary>The clerk's pace: a factor on service times (&gt;1 = slower).</summary>
    public double Speed { get; } = speed;

    /// <summary>A general desk, opened only when citizens have waited long.</summary>
    public bool IsFlex { get; } = isFlex;

    public string Status { get; set; } = CounterStatuses.Closed;
    public WaitingTicket? Current { get; set; }
    public DeskStep Step { get; set; }

    /// <summary>Between two citizens: the clerk files the last one's papers before calling the next.</summary>
    public bool Turnover { get; set; }

    /// <summary>Since when the desk has been open with nobody to call (who calls a new ticket first).</summary>
    public DateTimeOffset FreeSince { get; set; }

    /// <summary>Staffed now (between its session's opening and the end of the session).</summary>
    public bool InSession { get; set; }

    public bool BreakRequested { get; set; }
    public double BreakMinutes { get; set; }
    public bool Closing { get; set; }
    public bool HardClosing { get; set; }

    /// <summary>Out of service (scenario desk-outage): closes after the current citizen, opens for nobody.</summary>
    public bool OutOfService { get; set; }

    public DateTimeOffset FlexUntil { get; set; }

    /// <summary>Opened by a ward chief's order: closes after its citizen once <see cref="OrderUntil"/> has come.</summary>
    public bool CloseAfterOrder { get; set; }

    public DateTimeOffset OrderUntil { get; set; }

    /// <summary>Bumped by each order, so the end of an earlier one does nothing.</summary>
    public int OrderVersion { get; set; }

    /// <summary>Bumped whenever a planned step of this desk becomes stale.</summary>
    public int Version { get; set; }

    public int SessionVersion { get; set; }
    public int DaySeq { get; set; }

    /// <summary>Open, nobody at the desk, not filing, not about to pause: the desk calls the next ticket.</summary>
    public bool IsFree => Status == CounterStatuses.Open && Current is null && !Turnover && !BreakRequested && !OutOfService;

    public bool Handles(string service) => Array.IndexOf(Services, service) >= 0;
}
