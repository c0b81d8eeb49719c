using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Tests.Support;

namespace Ioc.Tests.Grains;

/// <summary>The responsible ward's word reaches the receiving ward's grain and is counted there once.</summary>
public sealed class TakenInGrainTests(GrainClusterFixture fx) : IClassFixture<GrainClusterFixture>
{
    private const string Responsible = "00097", AtB = "00103", AtC = "00118";

    private BusinessEvent Receipt(string dossier, DateTimeOffset ts, string? at) =>
        new(Events.NextId("rcv"), EventTypes.DossierReceived, ts, "dvc", Dossier: dossier, Procedure: "Chứng thực bản sao",
            Service: ServiceCodes.ChungThuc, Channel: "in_person", DueAt: ts.AddDays(2), ReceivedAt: at);

    [Fact]
    public async Task The_receiving_ward_counts_each_dossier_once_whatever_the_order_and_repeats_and_follows_an_earlier_receipt()
    {
        var t = fx.Now;
        var ward = fx.Grains.GetGrain<IWardGrain>(Responsible);
        var b = fx.Grains.GetGrain<IWardGrain>(AtB);
        var c = fx.Grains.GetGrain<IWardGrain>(AtC);
        var resolvedFirst = Events.Dossier(EventTypes.DossierResolved, "HS-1", t.AddMinutes(30));
        var batch = new[]
        {
            resolvedFirst, Receipt("HS-1", t, AtB), Receipt("HS-2", t.AddMinutes(1), AtB), Receipt("HS-3", t.AddMinutes(2), AtC),
            Receipt("HS-4", t.AddMinutes(3), null), Receipt("HS-5", t.AddMinutes(4), Responsible),
        };
        // The resolution arrives before its receipt, and the whole batch is sent twice.
        Assert.Equal(6, (await ward.ApplyEvents([.. batch])).Accepted);
        Assert.Equal(6, (await ward.ApplyEvents([.. batch])).Duplicates);

        var atB = await Eventually.Get(b.GetSummary, s => s.Dossiers.TakenInForOthers == 2);
        var atC = await Eventually.Get(c.GetSummary, s => s.Dossiers.TakenInForOthers == 1);
        Assert.Equal((2, 1), (atB.Dossiers.TakenInForOthers, atC.Dossiers.TakenInForOthers));
        var own = await ward.GetSummary();
        Assert.Equal((5, 3, 0), (own.Dossiers.Received, own.Dossiers.ReceivedElsewhere, own.Dossiers.TakenInForOthers));
        Assert.Equal(2, (await b.GetToday()).DossiersTakenInForOthers);

        // An earlier receipt of HS-2, taken in at C, arrives late: HS-2 was taken in at C, not at B.
        await ward.ApplyEvents([Receipt("HS-2", t.AddMinutes(-10), AtC)]);
        atB = await Eventually.Get(b.GetSummary, s => s.Dossiers.TakenInForOthers == 1);
        atC = await Eventually.Get(c.GetSummary, s => s.Dossiers.TakenInForOthers == 2);
        Assert.Equal((1, 2), (atB.Dossiers.TakenInForOthers, atC.Dossiers.TakenInForOthers));
        Assert.Equal(3, (await ward.GetSummary()).Dossiers.ReceivedElsewhere);
    }
}
