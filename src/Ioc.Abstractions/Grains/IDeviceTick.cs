namespace Ioc.Grains;

/// <summary>The steady wall-clock tick a device grain sends itself (liveness, reporting, saving).</summary>
public interface IDeviceTick : IGrainWithStringKey
{
    Task Tick();
}
