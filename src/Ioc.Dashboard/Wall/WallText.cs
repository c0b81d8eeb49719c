using System.Collections.Frozen;
using System.Globalization;
using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// The wall's words in Vietnamese (the default) and English. The language is chosen by the
/// <see cref="Cookie"/> cookie, set by <c>/account/lang/{lang}</c>. Times are always shown in
/// Asia/Ho_Chi_Minh.
/// </summary>
public sealed class WallText
{
    public const string Cookie = "ioc.lang";
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static readonly WallText Vi = new(Vietnamese);
    public static readonly WallText En = new(English);

    private readonly int _column;

    private WallText(string lang)
    {
        Lang = lang;
        _column = lang == English ? 1 : 0;
        Culture = CultureOrInvariant(lang == English ? "en-GB" : "vi-VN");
    }

    public string Lang { get; }

    public bool IsEnglish => _column == 1;

    public CultureInfo Culture { get; }

    /// <summary>Any value other than "en" is Vietnamese.</summary>
    public static string LangOf(string? value) => string.Equals(value, English, StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;

    public static WallText For(string? lang) => LangOf(lang) == English ? En : Vi;

    public string this[string key] => Table.TryGetValue(key, out var pair) ? pair[_column] : key;

    public static bool Has(string key) => Table.ContainsKey(key);

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    // ---- numbers and times -------------------------------------------------------------------

    public string Number(double? value, string format = "N0") => value is { } v ? v.ToString(format, Culture) : "–";

    public string Count(int value) => value.ToString("N0", Culture);

    /// <summary>"12 phút", "1 giờ 05 phút", "40 giây".</summary>
    public string Duration(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "–";
        s = Math.Max(0, s);
        if (s < 60) return string.Format(Culture, this["unit.seconds"], Math.Round(s));
        var minutes = (int)Math.Round(s / 60);
        if (minutes < 60) return string.Format(Culture, this["unit.minutes"], minutes);
        var hours = minutes / 60;
        if (hours < 48) return string.Format(Culture, this["unit.hoursMinutes"], hours, minutes % 60);
        return string.Format(Culture, this["unit.days"], Math.Round(s / 86400, 1));
    }

    public string Share(double? share, string format = "0") => share is { } v ? (v * 100).ToString(format, Culture) + "%" : "–";

    public string Score(double? score) => score is { } v ? v.ToString("0.0", Culture) + "/5" : "–";

    /// <summary>Clock time in Hanoi, "HH:mm" (with the date when it is not the reference day).</summary>
    public string Time(DateTimeOffset? at, DateTimeOffset? today = null)
    {
        if (at is not { } t) return "–";
        var local = HanoiTime.ToLocal(t);
        if (today is { } ref0 && HanoiTime.DayOf(ref0) != HanoiTime.DayOf(t))
            return local.ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);
        return local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public string ClockTime(DateTimeOffset at) => HanoiTime.ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public string Date(DateTimeOffset at)
    {
        var local = HanoiTime.ToLocal(at);
        var day = this["day." + local.DayOfWeek.ToString().ToLowerInvariant()];
        return $"{day}, {local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
    }

    // ---- domain words ------------------------------------------------------------------------

    public string Service(string code) => IsEnglish ? ServiceCodes.EnglishName(code) : ServiceCodes.VietnameseName(code);

    public string Status(string status) => this["status." + status];

    public string Severity(string severity) => this["severity." + severity];

    public string AlertState(string state) => this["state." + state];

    public string AlertKind(string kind) => this["kind." + kind];

    public string RobotMode(string? mode) => mode is null ? "–" : Has("mode." + mode) ? this["mode." + mode] : mode;

    public string CounterStatus(string status) => Has("counter." + status) ? this["counter." + status] : status;

    public string UnitType(string type) => this["type." + type];

    public string AlertTitle(Alert alert) => AlertText.Title(alert, IsEnglish);

    private static CultureInfo CultureOrInvariant(string name)
    {
        try { return CultureInfo.GetCultureInfo(name); }
        catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; }
    }

    private static readonly FrozenDictionary<string, string[]> Table = new Dictionary<string, string[]>
    {
        ["app.title"] = ["Trung tâm Điều hành Thông minh Hà Nội", "Hanoi Intelligent Operations Center"],
        ["app.short"] = ["IOC Hà Nội", "Hanoi IOC"],
        ["app.subtitle"] = ["126 phường, xã", "126 wards and communes"],
        ["nav.wall"] = ["Toàn thành phố", "City wall"],
        ["nav.alerts"] = ["Cảnh báo", "Alerts"],
        ["nav.myWard"] = ["Đơn vị của tôi", "My ward"],
        ["nav.rankings"] = ["Xếp hạng", "Rankings"],
        ["nav.logout"] = ["Đăng xuất", "Sign out"],
        ["nav.lang"] = ["Ngôn ngữ", "Language"],
        ["role.city"] = ["Lãnh đạo thành phố", "City leader"],
        ["role.ward-chief"] = ["Lãnh đạo phường/xã", "Ward chief"],
        ["role.admin"] = ["Quản trị", "Administrator"],

        ["login.title"] = ["Đăng nhập", "Sign in"],
        ["login.username"] = ["Tên đăng nhập", "Username"],
        ["login.password"] = ["Mật khẩu", "Password"],
        ["login.submit"] = ["Đăng nhập", "Sign in"],
        ["login.failed"] = ["Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."],
        ["login.locked"] = ["Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {0}.", "Too many failed sign-ins. Try again in {0}."],
        ["login.hint"] = ["Dành cho lãnh đạo thành phố và lãnh đạo phường, xã.", "For city leaders and ward chiefs."],

        ["fig.waiting"] = ["Đang chờ", "Waiting now"],
        ["fig.avgWait"] = ["Thời gian chờ trung bình", "Average wait today"],
        ["fig.maxWait"] = ["Thời gian chờ lâu nhất", "Longest wait today"],
        ["fig.overTarget"] = ["Chờ quá chuẩn", "Waits over target"],
        ["fig.overdue"] = ["Hồ sơ quá hạn", "Dossiers overdue"],
        ["fig.dueSoon"] = ["Sắp đến hạn", "Due soon"],
        ["fig.inProgress"] = ["Hồ sơ đang giải quyết", "Dossiers in progress"],
        ["fig.received"] = ["Hồ sơ tiếp nhận hôm nay", "Dossiers received today"],
        ["fig.resolvedLate"] = ["Giải quyết trễ hôm nay", "Resolved late today"],
        ["fig.robots"] = ["Robot trực tuyến", "Robots online"],
        ["fig.satisfaction"] = ["Mức độ hài lòng", "Satisfaction today"],
        ["fig.alertsOpen"] = ["Cảnh báo đang mở", "Open alerts"],
        ["fig.countersOpen"] = ["Quầy đang mở", "Counters open"],
        ["fig.served"] = ["Đã phục vụ hôm nay", "Served today"],
        ["fig.issued"] = ["Số phiếu hôm nay", "Tickets today"],
        ["fig.estimateError"] = ["Dự báo chờ lệch trung bình", "Wait estimate off by (mean)"],
        ["fig.estimateErrorShare"] = ["Độ lệch so với thời gian chờ", "Estimate error vs. mean wait"],
        ["fig.estimateUnder"] = ["Chờ lâu hơn báo trên 5 phút", "Waited 5+ min longer than told"],

        ["panel.city-strip"] = ["Toàn thành phố", "City"],
        ["panel.map"] = ["Bản đồ 126 phường, xã", "Map of the 126 units"],
        ["panel.urban-inset"] = ["Nội đô: các phường trung tâm", "Urban core: the central wards"],
        ["panel.worst-wards"] = ["Đơn vị cần chú ý", "Wards needing attention"],
        ["panel.alert-feed"] = ["Cảnh báo mới nhất", "Latest alerts"],
        ["panel.city-queue-chart"] = ["Hàng chờ toàn thành phố hôm nay", "City queue today"],
        ["panel.wait-distribution"] = ["Phân bố thời gian chờ hôm nay", "Wait times today"],
        ["panel.unit-details"] = ["Chi tiết đơn vị", "Unit details"],
        ["panel.ward-strip"] = ["Tổng quan", "Overview"],
        ["panel.counters"] = ["Quầy tiếp nhận", "Counters"],
        ["panel.queues"] = ["Hàng chờ theo lĩnh vực", "Queues by service"],
        ["panel.hall"] = ["Sơ đồ sảnh và robot", "Service hall and robots"],
        ["panel.dossiers"] = ["Hồ sơ quá hạn và sắp đến hạn", "Overdue and due-soon dossiers"],
        ["panel.ward-alerts"] = ["Cảnh báo của đơn vị", "Ward alerts"],
        ["panel.ward-wait-distribution"] = ["Phân bố thời gian chờ hôm nay", "Wait times today"],
        ["panel.ward-queue-chart"] = ["Người chờ theo lĩnh vực", "Waiting by service"],
        ["panel.ward-history"] = ["Hôm nay so với cùng thứ tuần trước", "Today against the same weekday last week"],
        ["panel.staffing"] = ["Đề xuất điều phối quầy", "Staffing advice"],

        ["wall.worstBy.waiting"] = ["Đông người chờ nhất", "Most people waiting"],
        ["wall.worstBy.overdue"] = ["Nhiều hồ sơ quá hạn nhất", "Most overdue dossiers"],
        ["wall.worstBy.avgWait"] = ["Chờ lâu nhất (trung bình)", "Longest average wait"],
        ["wall.worstBy.maxWait"] = ["Chờ lâu nhất", "Longest wait"],
        ["wall.worstBy.alertsOpen"] = ["Nhiều cảnh báo nhất", "Most open alerts"],
        ["wall.worstBy.dueSoon"] = ["Nhiều hồ sơ sắp đến hạn", "Most dossiers due soon"],
        ["wall.worstBy.satisfaction"] = ["Hài lòng thấp nhất", "Lowest satisfaction"],
        ["wall.worstBy.overTarget"] = ["Tỷ lệ chờ quá chuẩn cao nhất", "Most waits over target"],
        ["wall.worstBy.robots"] = ["Ít robot trực tuyến nhất", "Fewest robots online"],
        ["wall.noneNow"] = ["Không có đơn vị nào", "None right now"],
        ["wall.noAlerts"] = ["Không có cảnh báo đang mở", "No open alerts"],
        ["wall.updated"] = ["Cập nhật", "Updated"],
        ["wall.hoverHint"] = ["Di chuột lên bản đồ để xem số liệu; bấm để mở đơn vị.", "Hover the map for figures; click to open a unit."],
        ["wall.legend"] = ["Chú giải", "Legend"],
        ["wall.open"] = ["Mở trang đơn vị", "Open the unit"],
        ["wall.layoutError"] = ["Tệp bố cục mới có lỗi, đang dùng bản trước", "The new layout file has an error; the previous one is in use"],
        ["wall.waitingNow"] = ["Người đang chờ", "People waiting"],
        ["wall.avgWaitMinutes"] = ["Chờ trung bình (phút)", "Average wait (min)"],
        ["wall.tickets"] = ["Số lượt", "Tickets"],
        ["wall.minutes"] = ["Phút chờ", "Minutes waited"],

        ["status.ok"] = ["Bình thường", "Normal"],
        ["status.warning"] = ["Cần chú ý", "Warning"],
        ["status.critical"] = ["Nghiêm trọng", "Critical"],
        ["status.stale"] = ["Mất dữ liệu", "No data"],
        ["severity.info"] = ["Thông tin", "Info"],
        ["severity.warning"] = ["Cảnh báo", "Warning"],
        ["severity.critical"] = ["Nghiêm trọng", "Critical"],
        ["state.open"] = ["Mới", "Open"],
        ["state.escalated"] = ["Đã chuyển cấp", "Escalated"],
        ["state.acknowledged"] = ["Đã xác nhận", "Acknowledged"],
        ["state.resolved"] = ["Đã xử lý", "Resolved"],
        ["kind." + AlertKinds.DossierOverdue] = ["Hồ sơ quá hạn", "Dossier overdue"],
        ["kind." + AlertKinds.DossierDueSoon] = ["Hồ sơ sắp đến hạn", "Dossiers due soon"],
        ["kind." + AlertKinds.QueueLong] = ["Hàng chờ dài", "Long queue"],
        ["kind." + AlertKinds.WaitLong] = ["Chờ quá lâu", "Long wait"],
        ["kind." + AlertKinds.RobotOffline] = ["Robot mất kết nối", "Robot offline"],
        ["kind." + AlertKinds.RobotBatteryLow] = ["Robot sắp hết pin", "Robot battery low"],
        ["kind." + AlertKinds.RobotError] = ["Robot báo lỗi", "Robot error"],
        ["kind." + AlertKinds.CounterOffline] = ["Quầy mất kết nối", "Counter offline"],
        ["kind." + AlertKinds.WardStale] = ["Không nhận dữ liệu", "No data from ward"],
        ["type.ward"] = ["Phường", "Ward"],
        ["type.commune"] = ["Xã", "Commune"],
        ["mode.idle"] = ["Chờ lệnh", "Idle"],
        ["mode.guiding"] = ["Đang hướng dẫn", "Guiding"],
        ["mode.delivering"] = ["Đang chuyển hồ sơ", "Delivering"],
        ["mode.charging"] = ["Đang sạc", "Charging"],
        ["mode.docked"] = ["Ở trạm sạc", "Docked"],
        ["mode.error"] = ["Lỗi", "Error"],
        ["mode.emergency"] = ["Dừng khẩn cấp", "Emergency stop"],
        ["counter.open"] = ["Đang mở", "Open"],
        ["counter.paused"] = ["Tạm dừng", "Paused"],
        ["counter.closed"] = ["Đóng", "Closed"],
        ["counter.unknown"] = ["Chưa rõ", "Unknown"],
        ["counter.offline"] = ["Mất kết nối", "Offline"],

        ["alert.acknowledge"] = ["Xác nhận", "Acknowledge"],
        ["alert.resolve"] = ["Xử lý xong", "Resolve"],
        ["alert.acknowledgedBy"] = ["Đã xác nhận bởi {0} lúc {1}", "Acknowledged by {0} at {1}"],
        ["alert.resolvedBy"] = ["Đã xử lý bởi {0} lúc {1}", "Resolved by {0} at {1}"],
        ["alert.raisedAt"] = ["Phát sinh lúc {0}", "Raised at {0}"],
        ["alert.needsConfirmation"] = ["Cần người xác nhận xử lý", "A person must confirm it is resolved"],
        ["alert.system"] = ["hệ thống", "system"],
        ["alert.failed"] = ["Không thực hiện được thao tác", "The action could not be done"],
        ["alerts.title"] = ["Cảnh báo", "Alerts"],
        ["alerts.ward"] = ["Đơn vị", "Ward"],
        ["alerts.kind"] = ["Loại", "Kind"],
        ["alerts.severity"] = ["Mức độ", "Severity"],
        ["alerts.state"] = ["Trạng thái", "State"],
        ["alerts.active"] = ["Chưa xử lý", "Active"],
        ["alerts.all"] = ["Tất cả", "All"],
        ["alerts.none"] = ["Không có cảnh báo phù hợp", "No matching alerts"],
        ["alerts.count"] = ["{0} cảnh báo", "{0} alerts"],
        ["alerts.time"] = ["Thời gian", "Time"],
        ["alerts.title.col"] = ["Nội dung", "Alert"],
        ["alerts.who"] = ["Người xử lý", "Handled by"],

        ["ward.counters.counter"] = ["Quầy", "Counter"],
        ["ward.counters.status"] = ["Trạng thái", "Status"],
        ["ward.counters.ticket"] = ["Đang phục vụ", "Now serving"],
        ["ward.counters.served"] = ["Đã phục vụ", "Served today"],
        ["ward.counters.services"] = ["Lĩnh vực", "Services"],
        ["ward.counters.none"] = ["Chưa có quầy nào báo trạng thái", "No counter has reported yet"],
        ["ward.queues.service"] = ["Lĩnh vực", "Service"],
        ["ward.queues.waiting"] = ["Đang chờ", "Waiting"],
        ["ward.queues.oldest"] = ["Chờ lâu nhất", "Longest waiting"],
        ["ward.queues.estimate"] = ["Dự kiến chờ (công dân thấy)", "Estimate shown to citizens"],
        ["ward.queues.estimateShort"] = ["Dự kiến chờ", "Estimate"],
        ["ward.queues.none"] = ["Không có hàng chờ", "No queue"],
        ["ward.dossiers.overdue"] = ["Quá hạn", "Overdue"],
        ["ward.dossiers.dueSoon"] = ["Sắp đến hạn", "Due soon"],
        ["ward.dossiers.dossier"] = ["Mã hồ sơ", "Dossier"],
        ["ward.dossiers.procedure"] = ["Thủ tục", "Procedure"],
        ["ward.dossiers.dueAt"] = ["Hạn trả", "Due"],
        ["ward.dossiers.late"] = ["Trễ", "Late by"],
        ["ward.dossiers.in"] = ["Còn", "Due in"],
        ["ward.dossiers.none"] = ["Không có hồ sơ quá hạn hay sắp đến hạn", "No overdue or due-soon dossiers"],
        ["ward.alerts.none"] = ["Không có cảnh báo", "No alerts"],
        ["ward.hall.waitingArea"] = ["Khu vực chờ", "Waiting area"],
        ["ward.hall.entrance"] = ["Lối vào", "Entrance"],
        ["ward.hall.dock"] = ["Trạm sạc", "Dock"],
        ["ward.hall.desk"] = ["Quầy {0}", "Desk {0}"],
        ["ward.hall.noRobots"] = ["Chưa có robot nào báo vị trí", "No robot has reported a position"],
        ["ward.robot.battery"] = ["Pin", "Battery"],
        ["ward.robot.offline"] = ["mất kết nối", "offline"],
        ["ward.forbidden.title"] = ["Không có quyền truy cập (403)", "Access denied (403)"],
        ["ward.forbidden.text"] = ["Tài khoản của bạn chỉ được xem đơn vị của mình.", "Your account may only see its own ward."],
        ["ward.forbidden.back"] = ["Về đơn vị của tôi", "Go to my ward"],
        ["ward.notFound"] = ["Không tìm thấy đơn vị", "No such ward"],
        ["ward.backToWall"] = ["← Toàn thành phố", "← City wall"],
        ["ward.loading"] = ["Đang tải…", "Loading…"],
        ["ward.report.download"] = ["Tải báo cáo ngày (CSV)", "Download the daily report (CSV)"],
        ["ward.report.of"] = ["Báo cáo ngày {0}", "Report of {0}"],
        ["ward.report.none"] = ["Chưa có báo cáo ngày (lập lúc 17:30)", "No daily report yet (made at 17:30)"],
        ["ward.report.all"] = ["Báo cáo hằng ngày", "Daily reports"],
        ["ward.rankings"] = ["Xếp hạng chỉ số phục vụ", "Service index ranking"],

        ["history.today"] = ["Hôm nay", "Today"],
        ["history.lastWeek"] = ["{0} tuần trước ({1})", "Last {0} ({1})"],
        ["history.lastWeekPlain"] = ["Cùng thứ tuần trước", "Same weekday last week"],
        ["history.waiting"] = ["Người đang chờ", "People waiting"],
        ["history.storeDown"] = ["Kho số liệu lịch sử chưa trả lời: tạm thiếu số liệu tuần trước.", "The history store did not answer: last week's figures are missing for now."],
        ["history.noLastWeek"] = ["Không có số liệu cùng giờ tuần trước.", "No figures for these hours last week."],

        ["rank.title"] = ["Chỉ số phục vụ người dân, doanh nghiệp", "Service index for citizens and businesses"],
        ["rank.period"] = ["Lũy kế từ đầu tháng: {0} – {1}", "Month to date: {0} – {1}"],
        ["rank.computedAt"] = ["Tính lúc {0}", "Computed at {0}"],
        ["rank.note"] = [
            "Theo Quyết định 766/QĐ-TTg: năm nhóm tiêu chí, 100 điểm. Trung tâm đo tiến độ giải quyết (20 điểm: đúng hạn trên số đã giải quyết và số quá hạn chưa giải quyết; hồ sơ còn trong hạn chưa tính), dịch vụ trực tuyến (22), số hóa hồ sơ (22) và mức độ hài lòng (18); nhóm “Công khai, minh bạch” (18) chưa đo. Nhóm không có gì để tính ghi “chưa đo”, không tính 0. Chỉ số là điểm các nhóm đo được trên tổng điểm tối đa của chúng, quy ra thang 100.",
            "After Decision 766/QĐ-TTg: five groups, 100 points. The center measures processing progress (20 points: on time over resolved and overdue open; dossiers still within their time do not count yet), online service (22), digitisation (22) and satisfaction (18); “Publicity and transparency” (18) is not measured. A group with nothing to count shows “not measured”, never 0. The index is the measured groups' points over their maximum, scaled to 100."],
        ["rank.group.publicity"] = ["Công khai, minh bạch", "Publicity"],
        ["rank.group.progress"] = ["Tiến độ giải quyết", "Progress"],
        ["rank.group.online"] = ["Trực tuyến", "Online"],
        ["rank.group.digitisation"] = ["Số hóa", "Digitisation"],
        ["rank.group.satisfaction"] = ["Hài lòng", "Satisfaction"],
        ["rank.why.not-measured-by-center"] = ["trung tâm không đo", "not measured by the center"],
        ["rank.why.no-decided-dossiers"] = ["chưa có hồ sơ giải quyết hay quá hạn", "no dossier resolved or overdue yet"],
        ["rank.why.no-dossiers-received"] = ["chưa tiếp nhận hồ sơ", "no dossier received"],
        ["rank.why.no-digitized-field"] = ["hệ thống chưa báo số hóa", "digitisation not reported"],
        ["rank.why.no-ratings"] = ["chưa có lượt đánh giá", "no ratings yet"],
        ["rank.share"] = ["{0}: {1}/{2}", "{0}: {1} of {2}"],
        ["rank.filter.all"] = ["Tất cả đơn vị", "All units"],
        ["rank.filter.ward"] = ["Phường", "Wards"],
        ["rank.filter.commune"] = ["Xã", "Communes"],
        ["rank.typePlural.ward"] = ["phường", "wards"],
        ["rank.typePlural.commune"] = ["xã", "communes"],
        ["rank.own"] = ["{0} xếp thứ {1}/{2} đơn vị, thứ {3}/{4} {5}.", "{0} ranks {1} of {2} units and {3} of {4} {5}."],
        ["rank.col.rank"] = ["Hạng", "Rank"],
        ["rank.col.unit"] = ["Đơn vị", "Unit"],
        ["rank.col.type"] = ["Phường/xã", "Ward/commune"],
        ["rank.col.score"] = ["Chỉ số", "Index"],
        ["rank.notMeasured"] = ["chưa đo", "not measured"],
        ["rank.share.none"] = ["Chưa có số liệu", "No figures yet"],
        ["rank.none"] = ["Chưa có số liệu xếp hạng", "No ranking yet"],
        ["rank.reports"] = ["Báo cáo hằng ngày", "Daily reports"],
        ["rank.cityReport"] = ["Tải báo cáo thành phố ngày {0} (CSV)", "Download the city report of {0} (CSV)"],
        ["rank.noCityReport"] = ["Chưa có báo cáo thành phố (lập lúc 17:30)", "No city report yet (made at 17:30)"],
        ["rank.loadError"] = ["Không tải được bảng xếp hạng; trang sẽ thử lại sau một phút.", "The ranking could not be read; the page tries again in a minute."],
        ["rank.refreshError"] = ["Không tải lại được bảng xếp hạng; đang hiển thị lần tính trước.", "The ranking could not be reloaded; the previous one is shown."],

        ["notFound.title"] = ["Không tìm thấy trang", "Page not found"],
        ["forbidden.title"] = ["Không có quyền truy cập", "Access denied"],

        ["unit.seconds"] = ["{0} giây", "{0} s"],
        ["unit.minutes"] = ["{0} phút", "{0} min"],
        ["unit.hoursMinutes"] = ["{0} giờ {1:00} phút", "{0} h {1:00} min"],
        ["unit.days"] = ["{0} ngày", "{0} days"],
        ["day.monday"] = ["Thứ Hai", "Monday"],
        ["day.tuesday"] = ["Thứ Ba", "Tuesday"],
        ["day.wednesday"] = ["Thứ Tư", "Wednesday"],
        ["day.thursday"] = ["Thứ Năm", "Thursday"],
        ["day.friday"] = ["Thứ Sáu", "Friday"],
        ["day.saturday"] = ["Thứ Bảy", "Saturday"],
        ["day.sunday"] = ["Chủ Nhật", "Sunday"],
    }.Concat(RegionWords.Table).Concat(AlertWorkWords.All()).Concat(ReplayWords.Table).ToFrozenDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
}
