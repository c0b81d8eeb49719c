namespace Ioc.Grains;

/// <summary>What a staffing advice asks of a desk (the page renders the words).</summary>
public static class AdviceKinds
{
    /// <summary>A closed desk opens for some services for the next hour.</summary>
    public const string OpenDesk = "open-desk";

    /// <summary>An open desk leaves the services it serves for others for the next hour.</summary>
    public const string MoveDesk = "move-desk";

    public static readonly IReadOnlyList<string> All = [OpenDesk, MoveDesk];
}
