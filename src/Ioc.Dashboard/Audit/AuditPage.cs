using Ioc.Dashboard.Api;
using Ioc.Ingest.Http;
using Ioc.Time;

namespace Ioc.Dashboard.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);
