namespace Ioc.Grains;

/// <summary>What a person's action on an alert or a silence came to: the first action wins.</summary>
public enum ActionOutcome
{
    Done,
    NotFound,
    /// <summary>Someone acted first (or the thing is over): the answer carries what it is now.</summary>
    Conflict,
}
