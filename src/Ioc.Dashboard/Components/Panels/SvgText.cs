using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Ioc.Dashboard.Components.Panels;

/// <summary>An SVG &lt;text&gt; element (Razor reserves the tag name for itself).</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter] public string? X { get; set; }
    [Parameter] public string? Y { get; set; }
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? Anchor { get; set; }
    [Parameter] public string? Baseline { get; set; }
    [Parameter] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        if (X is not null) builder.AddAttribute(1, "x", X);
        if (Y is not null) builder.AddAttribute(2, "y", Y);
        if (Class is not null) builder.AddAttribute(3, "class", Class);
        if (Anchor is not null) builder.AddAttribute(4, "text-anchor", Anchor);
        if (Baseline is not null) builder.AddAttribute(5, "dominant-baseline", Baseline);
        builder.AddContent(6, Text);
        builder.CloseElement();
    }
}
