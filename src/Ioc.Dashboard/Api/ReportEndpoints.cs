using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Jobs;
using Ioc.Ingest.Http;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>The daily reports: a list, CSV downloads and a plain /reports page.</summary>
public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports", (ClaimsPrincipal user, ReportStore store) =>
            Results.Ok(Visible(user, store).Select(d => new { day = d.Day, files = d.Names.Select(n => new { name = n, url = Url(d.Day, n) }) })))
            .RequireAuthorization(WardEndpoints.PeoplePolicy);

        app.MapGet("/api/v1/reports/{day}/{name}.csv", (string day, string name, ClaimsPrincipal user, ReportStore store) =>
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return Problems.Field("day", "must be a date yyyy-MM-dd");
            if (!ReportStore.IsValidName(name)) return Problems.Field("name", "must be 'city' or a ward code");
            if (!MaySee(user, name)) return Problems.Of(StatusCodes.Status403Forbidden, "Not allowed to read this report");
            return store.PathOf(d, name) is { } path
                ? Results.File(path, "text/csv; charset=utf-8", $"bao-cao-{name}-{day}.csv")
                : Problems.Of(StatusCodes.Status404NotFound, $"No report {name} for {day}");
        }).RequireAuthorization(WardEndpoints.PeoplePolicy);

        app.MapGet("/reports", (ClaimsPrincipal user, ReportStore store, WardDirectory wards) =>
        {
            var html = new StringBuilder("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Báo cáo hằng ngày</title>")
                .Append("<style>body{font-family:system-ui,sans-serif;background:#0f1420;color:#e6e9ef;margin:2rem}a{color:#7cc4ff}</style><body><h1>Báo cáo hằng ngày</h1>");
            var days = Visible(user, store);
            if (days.Count == 0) html.Append("<p>Chưa có báo cáo. Báo cáo được lập lúc 17:30 mỗi ngày.</p>");
            foreach (var (day, names) in days)
            {
                html.Append("<h2>").Append(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append("</h2><ul>");
                foreach (var n in names)
                {
                    var label = n == ReportStore.CityFile ? "Toàn " + wards.Name : wards.Find(n)?.FullName ?? n;
                    html.Append("<li><a href=\"").Append(Url(day, n)).Append("\">").Append(WebUtility.HtmlEncode(label)).Append("</a></li>");
                }
                html.Append("</ul>");
            }
            return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
        }).RequireAuthorization(WardEndpoints.PeoplePolicy);
    }

    private static string Url(DateOnly day, string name) => ReportStore.UrlOf(day, name);

    private static bool MaySee(ClaimsPrincipal user, string name) =>
        user.IsCityWide() || (name != ReportStore.CityFile && user.MaySeeWard(name));

    private static List<(DateOnly Day, IReadOnlyList<string> Names)> Visible(ClaimsPrincipal user, ReportStore store) =>
        [.. store.List().Select(d => (d.Day, (IReadOnlyList<string>)[.. d.Names.Where(n => MaySee(user, n))])).Where(d => d.Item2.Count > 0)];
}
