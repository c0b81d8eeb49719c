using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace Ioc.Dashboard.Components.Panels;

/// <summary>
/// One dark style for every chart of the wall (no web fonts, no mode bar, no logo). The font size here is the
/// smallest; in the browser, wwwroot/js/chart-scale.js sets it to the page's root size, which follows the
/// screen width (about 31 px on a 4K wall), and the axes make room for their labels (automargin).
/// </summary>
public static class ChartStyle
{
    public const string Text = "#c9d4e3";
    public const string Grid = "rgba(148, 163, 184, 0.16)";
    public const string Accent = "#38bdf8";
    public const string Secondary = "#fbbf24";
    public const string Ok = "#22c55e";
    public const string Warning = "#f59e0b";
    public const string Critical = "#ef4444";

    public static Config Config() => new()
    {
        Responsive = true,
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False,
        DisplayLogo = false,
        StaticPlot = false,
        ShowTips = false,
    };

    public static Plotly.Blazor.Layout Layout(string? xTitle = null, string? yTitle = null) => new()
    {
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        AutoSize = true,
        Font = new Font { Color = Text, Family = "system-ui, 'Noto Sans', 'DejaVu Sans', sans-serif", Size = 13 },
        Margin = new Margin { L = 44, R = 16, T = 8, B = 36, Pad = 2 },
        ShowLegend = false,
        XAxis = [new XAxis
        {
            GridColor = Grid,
            LineColor = Grid,
            ZeroLineColor = Grid,
            AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
            Title = xTitle is null ? null : new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle },
        }],
        YAxis = [new YAxis
        {
            GridColor = Grid,
            LineColor = Grid,
            ZeroLineColor = Grid,
            AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
            RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
            Title = yTitle is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
        }],
    };
}
