using Ioc.Grains;
using Ioc.Silo.Wards;

namespace Ioc.Silo.Log;

/// <summary>
/// One business event as the ward acknowledged it: its place in the ward's log, when it arrived,
/// and the estimate the ward gave if it was a ticket's issue (a fact of that moment, so a replay
/// rebuilds exactly the same ledger).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LogRecord(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset ArrivedAt,
    [property: Id(2)] BusinessEvent Event,
    [property: Id(3)] IssueEstimate? Estimate);
