namespace Ioc.Silo.Staffing;

/// <summary>
/// One drawn future of the hall: who comes in the next hour (when, for which service) and the chance
/// draws of every citizen and desk. Each plan of the desks is played over the same futures, so the
/// difference between two plans is the plans', not the draws'.
/// </summary>
public sealed class HallFuture
{
    /// <summary>Arrivals: seconds from now and the service's index, in time order.</summary>
    public required (double At, int Service)[] Arrivals { get; init; }

    /// <summary>Per citizen (those waiting first, then the arrivals): the draw of their service time.</summary>
    public required double[] ServiceDraws { get; init; }

    /// <summary>Per citizen: below the ward's no-show share, they do not come when called.</summary>
    public required double[] NoShowDraws { get; init; }

    /// <summary>Per desk: the draw of what is left of its current service, or of its pause.</summary>
    public required double[] DeskDraws { get; init; }
}
