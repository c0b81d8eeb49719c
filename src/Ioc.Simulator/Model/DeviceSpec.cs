namespace Ioc.Simulator.Model;

/// <summary>A device the simulator drives; provisioned on the center with this id and kind.</summary>
public sealed record DeviceSpec(string DeviceId, string Kind, string? Ward, IReadOnlyList<string>? Wards = null)
{
    public bool CanWrite(string ward) => Ward is not null ? Ward == ward : Wards?.Contains(ward) == true;
}
