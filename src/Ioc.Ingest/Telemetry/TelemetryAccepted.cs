namespace Ioc.Ingest.Telemetry;

public sealed record TelemetryAccepted(int Accepted, int Duplicates);
