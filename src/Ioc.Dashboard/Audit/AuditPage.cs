namespace Ioc.Dashboard.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);
