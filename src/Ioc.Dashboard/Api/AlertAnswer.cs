using Ioc.Grains;

namespace Ioc.Dashboard.Api;

/// <summary>What became of a person's action on one alert, for the API and the pages alike.</summary>
public sealed record AlertAnswer(string AlertId, AlertAnswerKind Kind, Alert? Alert = null)
{
    public bool Done => Kind == AlertAnswerKind.Done;
}
