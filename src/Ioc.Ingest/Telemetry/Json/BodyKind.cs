namespace Ioc.Ingest.Telemetry.Json;

public enum BodyKind { Object, Array, String, Number, True, False, Null }
