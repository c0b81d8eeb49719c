namespace Ioc.Tests.Replay;

/// <summary>One scripted business event of a ward's day: when it happened and when it reached the center.</summary>
public sealed record ScriptedEvent(string Kind, string Id, DateTimeOffset Ts, DateTimeOffset ArrivesAt, int Score = 0, DateTimeOffset DueAt = default);
