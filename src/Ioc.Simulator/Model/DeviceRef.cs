namespace Ioc.Simulator.Model;

/// <summary>Where a device lives in the model: its hall (-1 for the dossier system), kind and index.</summary>
internal readonly record struct DeviceRef(int Ward, string Kind, int Index);
