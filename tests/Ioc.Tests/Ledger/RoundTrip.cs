using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ioc.Tests.Ledger;

/// <summary>Copies a value through Orleans' serializer, as grain storage does.</summary>
public static class RoundTrip
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(Ioc.Silo.Wards.WardLedger).Assembly).AddAssembly(typeof(Ioc.Grains.Alert).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    public static T Copy<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
