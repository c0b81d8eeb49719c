using System.Security.Claims;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// A ward chief or city leader accepting staffing advice, from the API or the ward page alike: the role
/// check, the ward grain (which records it, first one wins), and a line in the audit trail.
/// </summary>
public sealed class AdviceActions(IGrainFactory grains, AuditLog audit, WardDirectory wards)
{
    public Task<WardStaffing> Staffing(string ward) => grains.GetGrain<IWardGrain>(ward).GetStaffing();

    /// <summary>Null when <paramref name="user"/> may not accept this ward's advice; NotFound for an unknown ward or advice.</summary>
    public async Task<AdviceAcceptance?> Accept(string ward, string adviceId, ClaimsPrincipal user, string address, string via)
    {
        if (!wards.Contains(ward)) return new AdviceAcceptance(AdviceOutcome.NotFound, null);
        if (!user.MayAcceptAdvice(ward)) return null;
        var result = await grains.GetGrain<IWardGrain>(ward).AcceptAdvice(adviceId, user.Name());
        if (result is { Outcome: AdviceOutcome.Accepted, Accepted: { } a })
            audit.Write(AuditActions.AdviceAccepted, user.Name(), adviceId, address,
                $"{via}; ward {ward}; {a.Advice.Kind} desk {a.Advice.Desk} for {string.Join(",", a.Advice.Serves)}; saves {a.Advice.SavedSeconds:0} s");
        return result;
    }
}
