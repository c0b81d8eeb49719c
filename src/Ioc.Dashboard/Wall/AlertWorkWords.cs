using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>The words of alert work (ratings, notes, owners, bulk acknowledgement, silences, the info filter), vi and en.</summary>
public static class AlertWorkWords
{
    public static IEnumerable<KeyValuePair<string, string[]>> All() => new Dictionary<string, string[]>
    {
        ["kind." + AlertKinds.RatingLow] = ["Đánh giá thấp", "Low rating"],
        ["kind." + AlertKinds.RatingLowRun] = ["Nhiều đánh giá thấp tại một quầy", "Low ratings at one desk"],

        ["alert.note"] = ["Ghi chú", "Note"],
        ["alert.note.placeholder"] = ["Ghi chú khi xác nhận hoặc xử lý (không bắt buộc)", "Note with the acknowledgement or resolution (optional)"],
        ["alert.acknowledgeNote"] = ["Ghi chú khi xác nhận: {0}", "Acknowledgement note: {0}"],
        ["alert.resolveNote"] = ["Ghi chú khi xử lý: {0}", "Resolution note: {0}"],
        ["alert.owner"] = ["Phụ trách: {0} (do {1} giao lúc {2})", "Owner: {0} (assigned by {1} at {2})"],
        ["alert.assignTo"] = ["Giao cho", "Assign to"],
        ["alert.assign"] = ["Giao việc", "Assign"],
        ["alert.reassign"] = ["Giao lại", "Reassign"],
        ["alert.conflict.acknowledged"] = ["Cảnh báo đã được {0} xác nhận lúc {1}.", "Already acknowledged by {0} at {1}."],
        ["alert.conflict.resolved"] = ["Cảnh báo đã được {0} xử lý lúc {1}.", "Already resolved by {0} at {1}."],
        ["alert.conflict.assigned"] = ["Cảnh báo đã được {0} giao cho {2} lúc {1}.", "Already assigned to {2} by {0} at {1}."],
        ["alert.note.invalid"] = ["Ghi chú tối đa 500 ký tự, không chứa ký tự điều khiển.", "A note is at most 500 characters, with no control characters."],

        ["alerts.info"] = ["Hiện cả mức thông tin", "Show information level too"],
        ["alerts.bulk.select"] = ["Chọn cảnh báo này", "Select this alert"],
        ["alerts.bulk.selectAll"] = ["Chọn tất cả cảnh báo chưa xác nhận đang hiển thị", "Select every unacknowledged alert shown"],
        ["alerts.bulk.acknowledge"] = ["Xác nhận {0} cảnh báo đã chọn", "Acknowledge {0} selected"],
        ["alerts.bulk.done"] = ["Đã xác nhận {0} cảnh báo.", "Acknowledged {0} alert(s)."],
        ["alerts.bulk.conflicts"] = ["{0} cảnh báo đã có người xử lý trước: {1}", "{0} had been acted on first: {1}"],

        ["wall.info.show"] = ["Hiện mức thông tin ({0})", "Show info ({0})"],
        ["wall.info.hide"] = ["Ẩn mức thông tin", "Hide info"],

        ["ward.counters.satisfaction"] = ["Hài lòng hôm nay", "Satisfaction today"],
        ["ward.counters.ratings"] = ["{0} lượt", "{0} rated"],
        ["ward.counters.low"] = ["{0} thấp", "{0} low"],

        ["silences.title"] = ["Tạm ngưng cảnh báo", "Silences"],
        ["silences.note"] = [
            "Trong thời gian tạm ngưng, hệ thống vẫn theo dõi nhưng không phát cảnh báo mới loại đó; khi hết hạn, cảnh báo nào còn nguyên nhân sẽ được phát ngay.",
            "While a silence holds, the kind is still watched but no new alert of it is raised; when it ends, whatever is still caused is raised at once."],
        ["silences.none"] = ["Không có đợt tạm ngưng nào", "No silences"],
        ["silences.ward"] = ["Đơn vị", "Ward"],
        ["silences.kind"] = ["Loại cảnh báo", "Alert kind"],
        ["silences.from"] = ["Từ", "From"],
        ["silences.to"] = ["Đến", "Until"],
        ["silences.hours"] = ["Số giờ", "Hours"],
        ["silences.reason"] = ["Lý do", "Reason"],
        ["silences.by"] = ["Người tạo", "Made by"],
        ["silences.state"] = ["Trạng thái", "State"],
        ["silences.add"] = ["Tạm ngưng", "Silence"],
        ["silences.end"] = ["Kết thúc ngay", "End now"],
        ["silences.endedBy"] = ["kết thúc sớm bởi {0} lúc {1}", "ended early by {0} at {1}"],
        ["silences.failed"] = ["Không tạo được: {0}", "Not created: {0}"],
        ["silences.invalid.reason"] = ["cần nhập lý do (tối đa 500 ký tự)", "a reason is needed (at most 500 characters)"],
        ["silences.invalid.to"] = ["số giờ phải từ 1 đến 744", "hours must be 1 to 744"],
        ["silences.state." + SilenceStates.Scheduled] = ["Đã lên lịch", "Scheduled"],
        ["silences.state." + SilenceStates.Active] = ["Đang áp dụng", "Active"],
        ["silences.state." + SilenceStates.Ended] = ["Đã kết thúc", "Ended"],
    };
}
