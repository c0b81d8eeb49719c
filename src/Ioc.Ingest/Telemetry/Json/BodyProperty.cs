namespace Ioc.Ingest.Telemetry.Json;

/// <summary>One member of a JSON object. <see cref="NameError"/> is set when the name itself is not valid text.</summary>
public readonly record struct BodyProperty(string Name, string? NameError, BodyNode Value);
