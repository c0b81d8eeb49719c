namespace Ioc.Dashboard.History;

/// <summary>A ward's history as the pages read it (in process, no HTTP): see <see cref="WardHistoryReader"/>.</summary>
public interface IWardHistorySource
{
    /// <summary>Today so far next to the same hours a week earlier, as <c>GET /api/v1/wards/{code}/history/compare</c> answers it now.</summary>
    Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, CancellationToken cancellationToken = default);
}
