using Ioc.Grains;

namespace Ioc.Silo.Wards;

/// <summary>One desk's ratings of a day as exact sums: how many, their scores added, the low (1–2) and the satisfied (4–5).</summary>
[GenerateSerializer, Immutable]
public readonly record struct DeskRatingSums(
    [property: Id(0)] int Ratings,
    [property: Id(1)] int ScoreSum,
    [property: Id(2)] int Low,
    [property: Id(3)] int Good)
{
    public DeskRatingSums Add(int score, int sign) => new(
        Ratings + sign,
        ScoreSum + sign * score,
        Low + (RatingAlertRule.IsLow(score) ? sign : 0),
        Good + (score >= 4 ? sign : 0));
}
