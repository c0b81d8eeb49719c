namespace Ioc.Ingest.Telemetry.Json;

public enum BodyKind : byte { Object, Array, String, Number, True, False, Null }
