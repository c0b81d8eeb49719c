namespace Ioc.Bench.Estimate;

/// <summary>
/// What the hall looked like when a ticket's issue reached the ward, for the error breakdown: people
/// ahead of it (of its service, and of any service its desks also take), the desks open for its
/// service (and whether one of them serves other services too), paused and closed ones, and how long
/// the hall had been open that day.
/// </summary>
public readonly record struct IssueFacts(int AheadSame, int AheadCompeting, int DesksOpen, bool SharedDesk, int DesksPaused, int DesksClosed, double MinutesOpen);
