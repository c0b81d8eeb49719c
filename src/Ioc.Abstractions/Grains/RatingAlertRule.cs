namespace Ioc.Grains;

/// <summary>
/// When citizens' ratings raise alerts for their ward: a rating of <see cref="LowScore"/> or less
/// raises <see cref="AlertKinds.RatingLow"/>; <see cref="RunCount"/> such ratings at the same desk
/// within <see cref="RunMinutes"/> minutes (by their <c>ts</c>) raise <see cref="AlertKinds.RatingLowRun"/>.
/// </summary>
public static class RatingAlertRule
{
    public const int LowScore = 2;
    public const int RunCount = 3;
    public const int RunMinutes = 60;

    public static readonly TimeSpan RunWindow = TimeSpan.FromMinutes(RunMinutes);

    public static bool IsLow(int score) => score <= LowScore;
}
