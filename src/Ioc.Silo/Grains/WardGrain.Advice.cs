using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Staffing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.Grains;

/// <summary>The ward's staffing advice: worked out by plain C# (<see cref="AdviceBoard"/>, <see cref="StaffingAdvisor"/>), accepted by people.</summary>
public sealed partial class WardGrain
{
    private AdviceBoard _staffing = null!;

    private void OpenStaffing()
    {
        var options = ServiceProvider.GetService<IOptions<AdvisorOptions>>()?.Value ?? new AdvisorOptions();
        _staffing = new AdviceBoard(_ward.Code, new StaffingAdvisor(options), S.Advice, _journal.Learned,
            () => (Ledger.TodayTickets.Waiting, S.Desks.Now(Ledger.TodayTickets)), () => Now, _clock.Real);
    }

    public Task<WardStaffing> GetStaffing()
    {
        EvaluateTime();
        return Task.FromResult(_staffing.Current());
    }

    public async Task<AdviceAcceptance> AcceptAdvice(string adviceId, string user)
    {
        EvaluateTime();
        var result = _staffing.Accept(adviceId, user);
        if (result.Outcome != AdviceOutcome.Accepted) return result;
        // What people did is stored before they are told it was.
        _live.Changed();
        await Commit();
        Publish();
        return result;
    }

    public Task<ImmutableArray<AcceptedAdvice>> GetAcceptedAdvice(DateTimeOffset since) => Task.FromResult(_staffing.AcceptedSince(since));
}
