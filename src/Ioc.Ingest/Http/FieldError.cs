namespace Ioc.Ingest.Http;

/// <summary>One wrong field of one event: index −1 for the request as a whole.</summary>
public sealed record FieldError(int Index, string Field, string Message);
