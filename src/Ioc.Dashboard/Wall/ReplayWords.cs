namespace Ioc.Dashboard.Wall;

/// <summary>The words of the replay screens (Vietnamese, English), part of <see cref="WallText"/>'s table.</summary>
internal static class ReplayWords
{
    public static readonly Dictionary<string, string[]> Table = new()
    {
        ["nav.replay"] = ["Phát lại", "Replay"],
        ["replay.tag"] = ["Phát lại", "Replay"],
        ["replay.label"] = ["Phát lại một ngày đã qua", "Replay of a past day"],
        ["replay.clock"] = ["Giờ trong bản phát lại", "Replay time"],
        ["replay.speed"] = ["Tốc độ", "Speed"],
        ["replay.pause"] = ["Tạm dừng", "Pause"],
        ["replay.resume"] = ["Tiếp tục", "Resume"],
        ["replay.ended"] = ["Đã hết ngày", "End of the day"],
        ["replay.backToLive"] = ["Về trực tiếp", "Back to live"],
        ["replay.cityReplay"] = ["← Phát lại toàn thành phố", "← City replay"],
        ["replay.wardReplay"] = ["Phát lại ngày đã qua", "Replay a past day"],
        ["replay.progress"] = ["{0}/{1} sự kiện của ngày", "{0} of the day's {1} events"],
        ["replay.loading"] = ["Đang dựng lại ngày {0} từ nhật ký của các phường, xã…", "Rebuilding {0} from the wards' logs…"],
        ["replay.failed"] = ["Không dựng lại được ngày này; hãy thử lại.", "The day could not be rebuilt; please try again."],
        ["replay.devices"] = [
            "Số liệu dựng lại từ nhật ký sự kiện nghiệp vụ, không ảnh hưởng số liệu trực tiếp. Trạng thái quầy (mở, đóng) và robot không có trong nhật ký nên không được phát lại; cảnh báo là do quy tắc nêu, không có thao tác của người xử lý.",
            "Figures rebuilt from the business-event logs; live figures are untouched. Desks' open/closed states and robots are not in the logs and are not replayed; alerts are the ones the rules raised, without what people did to them."],
        ["replay.trimmed"] = ["Nhật ký chỉ giữ {0} ngày: hồ sơ tiếp nhận trước đó không có trong bản phát lại.", "The logs keep {0} days: dossiers received before that are not in the replay."],
        ["replay.desksNote"] = ["Trạng thái quầy không có trong nhật ký: chỉ có phiếu các quầy đã gọi và phục vụ.", "Desks' states are not in the log: only the tickets they called and served."],
        ["replay.hallNote"] = ["Robot và trạng thái quầy không có trong nhật ký nên không được phát lại.", "Robots and desks' states are not in the log and are not replayed."],
        ["replay.queuesNote"] = ["Dự kiến chờ: mức đã báo cho phiếu mới nhất đang chờ.", "Estimate: what the latest waiting ticket was told."],
        ["replay.alertsNote"] = ["Cảnh báo do quy tắc nêu từ sự kiện nghiệp vụ.", "Alerts as the rules raised them from the business events."],
        ["replay.forbidden.title"] = ["Không có quyền phát lại", "Replay not allowed"],
        ["replay.forbidden.text"] = ["Chỉ lãnh đạo thành phố và quản trị viên được phát lại một ngày đã qua.", "Only city leaders and admins may replay a past day."],
        ["replay.pick.title"] = ["Phát lại một ngày", "Replay a day"],
        ["replay.pick.hint"] = [
            "Chọn một ngày trong {0} ngày gần nhất: màn hình hiển thị ngày đó như khi nó diễn ra, với đồng hồ riêng, không ảnh hưởng số liệu trực tiếp.",
            "Pick one of the last {0} days: the screens show it as it happened, on a clock of its own, without touching the live figures."],
        ["replay.pick.day"] = ["Ngày", "Day"],
        ["replay.pick.submit"] = ["Phát lại", "Replay"],
        ["replay.error.day"] = ["Hãy chọn một ngày đã qua trong {0} ngày gần nhất.", "Pick a past day within the last {0} days."],
        ["replay.error.speed"] = ["Tốc độ là số nguyên từ 1 đến 3600.", "The speed is a whole number from 1 to 3600."],
        ["replay.error.from"] = ["Giờ bắt đầu có dạng HH:mm.", "The start time is HH:mm."],
    };
}
