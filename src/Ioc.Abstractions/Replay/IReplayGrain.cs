using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Replay;

/// <summary>
/// A past day played again from the wards' logs, for one viewer (key: <see cref="ReplayKey"/>): the wards'
/// ledgers rebuilt as they were that day, moved forward to whatever time is asked, never touching the live
/// wards. Asking for an earlier time than the last one rebuilds the day. Who may ask is checked by the caller.
/// </summary>
public interface IReplayGrain : IGrainWithStringKey
{
    /// <summary>Rebuilds the wards up to the start of the day (once) and says what the day holds.</summary>
    Task<ReplayInfo> Open();

    /// <summary>The wall at <paramref name="at"/> (within the day), with the city samples after the first <paramref name="samplesKnown"/>.</summary>
    Task<ReplayFrame> Wall(DateTimeOffset at, int samplesKnown);

    /// <summary>One ward of the replay's scope at <paramref name="at"/>, as the ward page shows it.</summary>
    Task<WardDetail> Ward(string code, DateTimeOffset at);

    /// <summary>Each ward's figures of the day at midnight, and with what arrived later about it.</summary>
    Task<ImmutableArray<ReplayDayFigures>> Figures();

    /// <summary>The viewer left: the rebuilt wards are let go.</summary>
    Task Close();
}
