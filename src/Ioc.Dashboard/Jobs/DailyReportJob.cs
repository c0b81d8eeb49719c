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
public sealed class DailyReportJob(IGrainFactory grains, WardDirectory wards, IocClock clock, ReportStore reports)
{
    public static readonly string[] Headers =
    [
        "Mã đơn vị", "Tên đơn vị", "Loại", "Ngày", "Hồ sơ tiếp nhận", "Tiếp nhận trực tuyến", "Giải quyết đúng hạn",
        "Giải quyết quá hạn", "Hồ sơ quá hạn đang xử lý", "Số phiếu đã cấp", "Đã phục vụ", "Vắng mặt",
        "Thời gian chờ trung bình (phút)", "Thời gian chờ tối đa (phút)", "Số lượt chờ quá chuẩn", "Lượt đánh giá",
        "Đánh giá hài lòng (4–5)", "Điểm hài lòng trung bình", "Hồ sơ số hóa",
        "Tiến độ giải quyết (điểm/20)", "Dịch vụ trực tuyến (điểm/22)", "Số hóa hồ sơ (điểm/22)", "Mức độ hài lòng (điểm/18)",
        "Chỉ số phục vụ (thang 100, nhóm đo được)",
    ];

    /// <summary>A group's points, or empty when the group is not measured (never 0 for "nothing to count").</summary>
    private static string Points(ServiceIndexScore score, string group) => score[group].Points is { } p ? F(p) : "";

    public Task<DateOnly> Run() => Run(day: null);

    /// <summary>Today's reports so far, or a closed day's final ones (written again when a late event amends the day).</summary>
    public async Task<DateOnly> Run(DateOnly? day)
    {
        var today = HanoiTime.DayOf(clock.GetUtcNow());
        var wanted = day ?? today;
        var summaries = await grains.ForEachWard(wards, async w => wanted >= today
            ? await w.GetToday()
            : (await w.GetHistory()).Days.FirstOrDefault(d => d.Day == wanted) ?? new DaySummary { Day = wanted });
        var rows = wards.All.Zip(summaries).ToList();
        foreach (var (ward, summary) in rows)
            await reports.Write(wanted, ward.Code, Csv([(ward.Code, ward.Name, TypeName(ward.Type), summary)]));
        var total = DaySummary.Wards(wanted, summaries);
        await reports.Write(wanted, ReportStore.CityFile,
            Csv([.. rows.Select(r => (r.First.Code, r.First.Name, TypeName(r.First.Type), r.Second)), RegionRow(total)]));
        return wanted;
    }

    private static string TypeName(string type) => type switch { "ward" => "Phường", "special" => "Đặc khu", _ => "Xã" };

    /// <summary>The region's total line: Hanoi as today, another province by its code, the country as "vn".</summary>
    private (string, string, string, DaySummary) RegionRow(DaySummary total) => wards switch
    {
        { IsCountry: true } => (wards.Region, wards.Name, "Toàn quốc", total),
        { Provinces: [{ Code: WardDirectory.HanoiProvince }] } => (WardDirectory.HanoiProvince, "Thành phố Hà Nội", "Thành phố", total),
        _ => (wards.Provinces[0].Code, wards.Name, "Tỉnh, thành phố", total),
    };

    public static string Csv(IEnumerable<(string Code, string Name, string Type, DaySummary Day)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Headers.Select(Cell)).Append("\r\n");
        foreach (var (code, name, type, d) in rows)
        {
            var score = ServiceIndexScore.Compute(d);
            var avgWait = d.AvgWaitSeconds is { } avg ? F(avg / 60) : "";
            var maxWait = d.MaxWaitSeconds is { } max ? F(max / 60) : "";
            string[] cells =
            [
                code, name, type, d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                N(d.DossiersReceived), N(d.DossiersReceivedOnline), N(d.DossiersResolvedOnTime), N(d.DossiersResolvedLate), N(d.OverdueAtClose),
                N(d.TicketsIssued), N(d.TicketsServed), N(d.TicketsNoShow),
                avgWait, maxWait, N(d.WaitsOverTarget), N(d.Ratings), N(d.RatingsGood), d.Satisfaction is { } sat ? F(sat) : "",
                N(d.DossiersDigitized), Points(score, ServiceIndexScore.GroupNames.Progress), Points(score, ServiceIndexScore.GroupNames.Online),
                Points(score, ServiceIndexScore.GroupNames.Digitisation), Points(score, ServiceIndexScore.GroupNames.Satisfaction),
                score.Score is { } index ? F(index) : "",
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
