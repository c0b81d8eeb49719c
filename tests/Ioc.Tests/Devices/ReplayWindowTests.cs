using CsCheck;
using Ioc.Silo.Devices;
using Ioc.Tests.Ledger;

namespace Ioc.Tests.Devices;

/// <summary>
/// The device replay window as a property over generated streams of ids, against a plain model
/// (the last 64 distinct ids seen): a repeat inside the window is a duplicate, also after the
/// window went through storage's serializer; an id pushed out of it is news again.
/// </summary>
public sealed class ReplayWindowTests
{
    [Fact]
    public void A_repeat_is_a_duplicate_exactly_while_it_is_among_the_last_64_distinct_ids_also_after_storage()
    {
        var streams = Gen.Int[0, 150].Array[1, 400];
        streams.Sample(ids =>
        {
            var window = new ReplayWindow();
            var model = new List<int>();
            for (var i = 0; i < ids.Length; i++)
            {
                // Every 37th step the window goes through storage, as on a restart.
                if (i % 37 == 36) window = RoundTrip.Copy(window);
                var id = ids[i];
                var expectedNew = !model.Contains(id);
                Assert.Equal(expectedNew, window.TryAdd($"state-{id}"));
                if (!expectedNew) continue;
                model.Add(id);
                if (model.Count > ReplayWindow.Capacity) model.RemoveAt(0);
            }
        });
    }
}
