using Ioc.Grains;

namespace Ioc.Silo.Wards;

/// <summary>The wait a citizen taking a ticket for a service now would be told (the ward page's queue table).</summary>
public interface IQueueEstimator
{
    WaitEstimate Estimate(TicketBook today, string service);
}
