using Ioc.Grains;

namespace Ioc.Dashboard.Components.Panels;

/// <summary>What a person asked of an alert on a page: its note (acknowledge, resolve) or the owner chosen (assign).</summary>
public sealed record AlertCommand(Alert Alert, string? Note = null, string? Owner = null);
