namespace Ioc.Bench.Devices;

/// <summary>The floor: what an Orleans activation costs with no state and no behaviour.</summary>
public interface IEmptyGrain : IGrainWithStringKey
{
    Task Touch();
}

public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public Task Touch() => Task.CompletedTask;
}
