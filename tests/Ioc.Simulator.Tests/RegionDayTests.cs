using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Simulator.Tests;

/// <summary>The simulator plays any region it is given: Huế's 40 units (no geography), or the whole country.</summary>
public sealed class RegionDayTests
{
    [Fact]
    public void A_day_in_Hue_has_only_Hue_units_with_devices_and_dossiers_filed_at_a_neighbour_in_Hue()
    {
        var hue = WardDirectory.Load("46");
        var codes = hue.All.Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
        var layout = CityLayout.Build(new SimulationSettings(), hue.All);
        Assert.Equal(codes, layout.Wards.Select(w => w.Code).ToHashSet(StringComparer.Ordinal));
        Assert.All(layout.Devices, d => Assert.True(d.Ward is null ? d.Wards!.All(codes.Contains) : codes.Contains(d.Ward)));

        var day = SimulatedDay.Run(layout, Days.Monday);
        Assert.All(day.Events, e => Assert.Contains(e.Ward, codes));
        var received = day.Events.Where(e => e.Type == EventTypes.DossierReceived).ToList();
        Assert.NotEmpty(received);
        var elsewhere = received.Where(e => e.ReceivedAt is not null).ToList();
        Assert.NotEmpty(elsewhere);
        Assert.All(elsewhere, e => Assert.True(codes.Contains(e.ReceivedAt!) && e.ReceivedAt != e.Ward));
        Assert.Contains(day.Events, e => e.Type == EventTypes.TicketIssued);
    }

    [Fact]
    public void The_country_layout_covers_all_3321_units_with_desks_and_a_dossier_system_for_all()
    {
        var vn = WardDirectory.Load("vn");
        var layout = CityLayout.Build(new SimulationSettings(), vn.All);
        Assert.Equal(vn.All.Select(w => w.Code).Order(StringComparer.Ordinal), layout.Wards.Select(w => w.Code).Order(StringComparer.Ordinal));
        var desks = layout.Devices.Where(d => d.Kind == DeviceKinds.Counter).GroupBy(d => d.Ward).ToDictionary(g => g.Key!, g => g.Count());
        Assert.All(vn.All, w => Assert.True(desks.GetValueOrDefault(w.Code) > 0, $"{w.Code} has no desk"));
        Assert.Contains(layout.Devices, d => d.Kind == DeviceKinds.DossierSystem && d.Wards!.Count == 3321);
    }
}
