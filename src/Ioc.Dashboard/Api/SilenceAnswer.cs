using Ioc.Grains;
using Ioc.Ingest.Http;

namespace Ioc.Dashboard.Api;

/// <summary>What became of creating or ending a silence: the silence, or why not (fields named).</summary>
public sealed record SilenceAnswer(SilenceAnswerKind Kind, Silence? Silence = null, IReadOnlyList<FieldError>? Errors = null, string? Reason = null);
