namespace Ioc.Silo.Storage;

/// <summary>
/// One grain state change waiting for the storage's writer: an upsert guarded by the etag the
/// activation last saw (<see cref="Payload"/> set), or a delete (<see cref="Payload"/> null).
/// Completes with the new etag (0 after a delete) once its round is committed.
/// </summary>
internal sealed class StateWrite(string grainId, string stateName, byte[]? payload, long expectedEtag)
{
    public string GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public byte[]? Payload { get; } = payload;

    /// <summary>The etag the writer expects to replace; -1 when the activation has seen no row.</summary>
    public long ExpectedEtag { get; } = expectedEtag;

    public TaskCompletionSource<long?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
