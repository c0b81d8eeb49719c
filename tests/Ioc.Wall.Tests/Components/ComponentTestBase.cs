using System.Collections.Immutable;
using Bunit;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Wall.Tests.Support;
using Ioc.Wards;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Wall.Tests.Components;

/// <summary>bunit with the wall's services, the layouts of the repository and a cascaded language.</summary>
public abstract class ComponentTestBase : BunitContext
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, Ioc.Time.HanoiTime.Offset);
    protected static readonly LayoutSet Layouts = DashboardLayouts.Load(Repo.Dashboards);
    protected static readonly WardDirectory Hanoi = WardDirectory.Load(WardDirectory.HanoiRegion);

    protected ComponentTestBase()
    {
        Services.AddSingleton(Hanoi);
        Services.AddSingleton(WardShapes.For(Hanoi));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders a component under the cascading language, as the router gives it.</summary>
    protected IRenderedComponent<T> RenderIn<T>(WallText text, Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent =>
        Render<T>(p =>
        {
            p.AddCascadingValue(text);
            parameters?.Invoke(p);
        });

    public static WardSummary Summary(string code, string status = "ok", int waiting = 0, int overdue = 0, double? avgWait = null,
        ImmutableArray<int>? histogram = null)
    {
        var info = Hanoi.Get(code);
        return new WardSummary
        {
            Code = code, Name = info.Name, Type = info.Type, Status = status, Day = "2026-11-25", Waiting = waiting,
            WaitsMeasured = avgWait is null ? 0 : 10, WaitMillisSum = (long)((avgWait ?? 0) * 1000 * 10), RobotsOnline = 1, RobotsTotal = 1,
            Dossiers = new DossierCounts(3, 2, 0, 5, overdue, 1, 2), Ratings = 5, RatingSum = 22, UpdatedAt = Now,
            WaitHistogram = histogram ?? [],
        };
    }

    public static ImmutableArray<WardSummary> City(Func<WardInfo, WardSummary>? make = null) =>
        [.. Hanoi.All.Select(w => make?.Invoke(w) ?? Summary(w.Code))];

    public static WallFrame Frame(ImmutableArray<WardSummary> wards) => new(Now, wards, CityTotals.From(wards), wards.Sum(w => w.AlertsOpen));
}
