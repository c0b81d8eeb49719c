using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>The legal return date of a dossier.</summary>
public static class DueDates
{
    /// <summary>
    /// Certification the same working day if received before 15:00 on a working day, else the next;
    /// other procedures at 17:00 of the n-th working day after the day the dossier counts as received
    /// (a working day before 17:00, else the next working day).
    /// </summary>
    public static DateTimeOffset Of(DateTimeOffset received, Procedure procedure)
    {
        var day = HanoiTime.DayOf(received);
        var tod = WorkCalendar.TimeOfDay(received);
        DateOnly dueDay;
        if (procedure.WorkingDays == 0)
            dueDay = WorkCalendar.IsWorkingDay(day) && tod < TimeSpan.FromHours(15) ? day : WorkCalendar.NextWorkingDay(day);
        else
        {
            var baseDay = WorkCalendar.IsWorkingDay(day) && tod < WorkCalendar.AfternoonEnd ? day : WorkCalendar.NextWorkingDay(day);
            dueDay = WorkCalendar.AddWorkingDays(baseDay, procedure.WorkingDays);
        }
        return WorkCalendar.At(dueDay, WorkCalendar.AfternoonEnd).ToUniversalTime();
    }
}
