using Ioc.Telemetry;

namespace Ioc.Simulator.Model;

/// <summary>Static facts of the simulated one-stop service: service mix, service times, procedures.</summary>
public static class Catalog
{
    public static readonly IReadOnlyList<string> Services = ServiceCodes.All;

    /// <summary>The position of a service code in <see cref="Services"/> (unknown codes count as "khac").</summary>
    public static int IndexOf(string service)
    {
        for (var i = 0; i < Services.Count; i++)
            if (Services[i] == service) return i;
        return Services.Count - 1;
    }

    /// <summary>Share of counter tickets by service (same order as <see cref="Services"/>).</summary>
    public static readonly IReadOnlyList<double> TicketMix = [0.42, 0.24, 0.09, 0.04, 0.07, 0.08, 0.06];

    /// <summary>Share of dossiers by service.</summary>
    public static readonly IReadOnlyList<double> DossierMix = [0.30, 0.25, 0.13, 0.05, 0.10, 0.09, 0.08];

    /// <summary>Ticket letter by service: A012 is the 12th certification ticket of the day.</summary>
    public static char TicketLetter(string service) => service switch
    {
        ServiceCodes.ChungThuc => 'A',
        ServiceCodes.HoTich => 'B',
        ServiceCodes.DatDai => 'C',
        ServiceCodes.XayDung => 'D',
        ServiceCodes.KinhDoanh => 'E',
        ServiceCodes.XaHoi => 'G',
        _ => 'K',
    };

    /// <summary>
    /// Mean time at the desk, minutes, from the call to "served" (walking up included), for a desk of
    /// speed 1. Certification is a stamp and a signature; land and construction files are read page by page.
    /// </summary>
    public static double MeanServiceMinutes(string service) => service switch
    {
        ServiceCodes.ChungThuc => 4,
        ServiceCodes.HoTich => 9,
        ServiceCodes.DatDai => 18,
        ServiceCodes.XayDung => 16,
        ServiceCodes.KinhDoanh => 10,
        ServiceCodes.XaHoi => 8,
        _ => 6,
    };

    /// <summary>Coefficient of variation of service times (lognormal: most are quick, a few take long).</summary>
    public const double ServiceTimeCv = 0.45;

    /// <summary>
    /// Lines of work, as a ward's one-stop centre divides its desks: justice (certification and civil
    /// status), land and construction, economy and society (household business, welfare, other).
    /// </summary>
    public static readonly IReadOnlyList<string[]> CounterGroups =
    [
        [ServiceCodes.ChungThuc, ServiceCodes.HoTich],
        [ServiceCodes.DatDai, ServiceCodes.XayDung],
        [ServiceCodes.KinhDoanh, ServiceCodes.XaHoi, ServiceCodes.Khac],
    ];

    public static readonly IReadOnlyList<Procedure> Procedures =
    [
        new(ServiceCodes.ChungThuc, "Chứng thực bản sao từ bản chính", 0),
        new(ServiceCodes.ChungThuc, "Chứng thực chữ ký trong giấy tờ, văn bản", 0),
        new(ServiceCodes.ChungThuc, "Chứng thực hợp đồng, giao dịch", 0),
        new(ServiceCodes.ChungThuc, "Chứng thực di chúc", 0),
        new(ServiceCodes.HoTich, "Đăng ký khai sinh", 3),
        new(ServiceCodes.HoTich, "Đăng ký kết hôn", 3),
        new(ServiceCodes.HoTich, "Đăng ký khai tử", 3),
        new(ServiceCodes.HoTich, "Cấp bản sao trích lục hộ tịch", 3),
        new(ServiceCodes.HoTich, "Cấp Giấy xác nhận tình trạng hôn nhân", 3),
        new(ServiceCodes.HoTich, "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3),
        new(ServiceCodes.DatDai, "Đăng ký biến động quyền sử dụng đất", 10),
        new(ServiceCodes.DatDai, "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", 20),
        new(ServiceCodes.DatDai, "Chuyển mục đích sử dụng đất", 15),
        new(ServiceCodes.DatDai, "Tách thửa, hợp thửa đất", 15),
        new(ServiceCodes.DatDai, "Giải quyết tranh chấp đất đai", 30),
        new(ServiceCodes.XayDung, "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15),
        new(ServiceCodes.XayDung, "Cấp giấy phép sửa chữa, cải tạo công trình", 15),
        new(ServiceCodes.XayDung, "Điều chỉnh giấy phép xây dựng", 15),
        new(ServiceCodes.KinhDoanh, "Đăng ký thành lập hộ kinh doanh", 3),
        new(ServiceCodes.KinhDoanh, "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3),
        new(ServiceCodes.KinhDoanh, "Tạm ngừng, chấm dứt hoạt động hộ kinh doanh", 3),
        new(ServiceCodes.XaHoi, "Trợ cấp xã hội hằng tháng", 7),
        new(ServiceCodes.XaHoi, "Xác nhận hộ nghèo, hộ cận nghèo", 7),
        new(ServiceCodes.XaHoi, "Hỗ trợ chi phí mai táng", 7),
        new(ServiceCodes.XaHoi, "Cấp thẻ bảo hiểm y tế cho đối tượng bảo trợ xã hội", 7),
        new(ServiceCodes.Khac, "Đăng ký tổ chức lễ hội", 5),
        new(ServiceCodes.Khac, "Xác nhận đơn đề nghị của công dân", 5),
        new(ServiceCodes.Khac, "Giải quyết kiến nghị, phản ánh", 5),
    ];

    private static readonly Dictionary<string, Procedure[]> ByService =
        Procedures.GroupBy(p => p.Service).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public static IReadOnlyList<Procedure> ProceduresOf(string service) => ByService[service];

    public static readonly IReadOnlyList<string> RobotIssues =
    [
        "Kẹt bánh xe",
        "Mất định vị",
        "Cảm biến va chạm bị che",
        "Máy in phiếu hết giấy",
        "Mất kết nối mạng nội bộ",
        "Lỗi màn hình cảm ứng",
    ];

    public static readonly IReadOnlyList<string> RobotEmergencies =
    [
        "Nút dừng khẩn cấp được nhấn",
        "Va chạm với người",
        "Phát hiện vật cản nguy hiểm",
    ];

    /// <summary>What a fleet fault (scenario robot-fault) reports: one bad firmware update for the whole fleet.</summary>
    public const string FleetFaultIssue = "Lỗi phần mềm sau cập nhật";

    public const string FleetEmergencyIssue = "Dừng khẩn cấp: lỗi cảm biến sau cập nhật";
}
