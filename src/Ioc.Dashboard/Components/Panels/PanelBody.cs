namespace Ioc.Dashboard.Components.Panels;

/// <summary>
/// A panel body that can scroll takes keyboard focus, as a named region, so it can be scrolled without a
/// mouse (WCAG 2.1.1); the map and hall panels never scroll and stay out of the tab order.
/// </summary>
public static class PanelBody
{
    private static bool Scrolls(string kind) => kind is not ("map" or "urban-inset" or "hall");

    public static string? TabIndex(string kind) => Scrolls(kind) ? "0" : null;

    public static string? Role(string kind) => Scrolls(kind) ? "region" : null;

    public static string? Label(string kind, string title) => Scrolls(kind) ? title : null;
}
