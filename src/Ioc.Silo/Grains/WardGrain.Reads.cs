using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>What screens, the API and the city feed read from the ward.</summary>
public sealed partial class WardGrain
{
    // ---- reads ---------------------------------------------------------------------------

    public async Task<WardSummary> GetSummary()
    {
        EvaluateTime();
        await SaveIfDirty();
        Publish();
        return _view.Summary(S.UpdatedAt);
    }

    public async Task<WardDetail> GetDetail()
    {
        EvaluateTime();
        await SaveIfDirty();
        return await BuildDetail();
    }

    // The ward keeps robots without their trail; the detail reads the trail from each robot.
    private async Task<WardDetail> BuildDetail()
    {
        var ids = S.Desks.RegisteredRobots.Union(S.Desks.Robots.Keys).Order(StringComparer.Ordinal).ToList();
        var robots = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IRobotGrain>(id).GetView()));
        return _view.Detail(S.UpdatedAt, [.. robots], _estimator, Now) with { Staffing = _staffing.Current() };
    }

    public Task<WaitEstimate> EstimateWait(string service)
    {
        EvaluateTime();
        return Task.FromResult(_estimator.Estimate(Ledger.TodayTickets, service));
    }

    public Task<WardHistory> GetHistory()
    {
        EvaluateTime();
        return Task.FromResult(new WardHistory(_ward.Code, [.. _minutes.State.Samples], [.. Ledger.ClosedDays]));
    }

    public Task<DaySummary> GetToday()
    {
        EvaluateTime();
        return Task.FromResult(Ledger.Summary(Ledger.Today));
    }
}
