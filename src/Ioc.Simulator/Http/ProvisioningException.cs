namespace Ioc.Simulator.Http;

/// <summary>A device the center refused to provision (bad request or forbidden): a configuration bug.</summary>
public sealed class ProvisioningException(string message) : Exception(message);
