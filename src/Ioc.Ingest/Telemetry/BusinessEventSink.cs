using Ioc.Grains;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// Hears the business events of every batch the telemetry endpoint applied (for example to keep them
/// in a time-series store). Called on the request path after a successful dispatch: implementations
/// must only hand the events on (queue them) and must not throw. Events the grains reported as
/// repeats are included; an implementation that stores them must be idempotent per event id.
/// </summary>
public interface IBusinessEventSink
{
    void OnAccepted(IReadOnlyList<(string Ward, BusinessEvent Event)> events);
}

/// <summary>The default: events go nowhere but the grains.</summary>
public sealed class NullBusinessEventSink : IBusinessEventSink
{
    public void OnAccepted(IReadOnlyList<(string Ward, BusinessEvent Event)> events)
    {
    }
}
