using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>A queue robot (key: device id).</summary>
public interface IRobotGrain : IGrainWithStringKey
{
    Task<ApplyResult> ApplyStates(ImmutableArray<RobotStateReport> states);

    Task<RobotView> GetView();
}
