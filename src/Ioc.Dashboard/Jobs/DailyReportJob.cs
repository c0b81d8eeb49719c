using System.Globalization;
using System.Text;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Jobs;

/// <summary>
/// At 17:30 in Hanoi: a CSV per ward and one for the city (a line per unit and a total), with
/// Vietnamese headers, downloadable from the ward page and /reports.
/// </summary>
public sealed class DailyReportJob(IGrainFactory grains, IocClock clock, ReportStore reports)
{
    public static readonly string[] Headers =
    [
        "Mã đơn vị", "Tên đơn vị", "Loại", "Ngày", "Hồ sơ tiếp nhận", "Tiếp nhận trực tuyến", "Giải quyết đúng hạn",
        "Giải quyết quá hạn", "Hồ sơ quá hạn đang xử lý", "Số phiếu đã cấp", "Đã phục vụ", "Vắng mặt",
        "Thời gian chờ trung bình (phút)", "Thời gian chờ tối đa (phút)", "Số lượt chờ quá chuẩn", "Lượt đánh giá",
        "Đánh giá hài lòng (4–5)", "Điểm hài lòng trung bình", "Chỉ số phục vụ (điểm/60)", "Chỉ số phục vụ (thang 100)",
    ];

    public async Task<DateOnly> Run()
    {
        var day = HanoiTime.DayOf(clock.GetUtcNow());
        var summaries = await grains.ForEachWard(w => w.GetToday());
        var rows = WardDirectory.Hanoi.All.Zip(summaries).ToList();
        foreach (var (ward, summary) in rows)
            await reports.Write(day, ward.Code, Csv([(ward.Code, ward.Name, TypeName(ward.Type), summary)]));
        var total = DaySummary.Sum(day, summaries);
        await reports.Write(day, ReportStore.CityFile,
            Csv([.. rows.Select(r => (r.First.Code, r.First.Name, TypeName(r.First.Type), r.Second)), ("01", "Thành phố Hà Nội", "Thành phố", total)]));
        return day;
    }

    private static string TypeName(string type) => type == "ward" ? "Phường" : "Xã";

    public static string Csv(IEnumerable<(string Code, string Name, string Type, DaySummary Day)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Headers.Select(Cell)).Append("\r\n");
        foreach (var (code, name, type, d) in rows)
        {
            var score = ServiceIndexScore.Compute(d);
            string[] cells =
            [
                code, name, type, d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                N(d.DossiersReceived), N(d.DossiersReceivedOnline), N(d.DossiersResolvedOnTime), N(d.DossiersResolvedLate), N(d.OverdueAtClose),
                N(d.TicketsIssued), N(d.TicketsServed), N(d.TicketsNoShow),
                d.WaitsMeasured > 0 ? F(d.WaitSecondsSum / d.WaitsMeasured / 60) : "", d.WaitsMeasured > 0 ? F(d.WaitSecondsMax / 60) : "",
                N(d.WaitsOverTarget), N(d.Ratings), N(d.RatingsGood), d.Ratings > 0 ? F((double)d.RatingSum / d.Ratings) : "",
                F(score.Measured), F(score.Scaled100),
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet does not run it.</summary>
    private static string Cell(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '@' && !double.TryParse(s, CultureInfo.InvariantCulture, out _)) s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }
}
