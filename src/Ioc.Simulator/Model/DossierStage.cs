using System.Text.Json.Serialization;

namespace Ioc.Simulator.Model;

/// <summary>Where an open dossier is in its life: received, paused for papers, or running again.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DossierStage>))]
public enum DossierStage
{
    Open,
    Paused,
    Resumed,
}
