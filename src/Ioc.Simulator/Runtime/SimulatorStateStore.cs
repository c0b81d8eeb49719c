using System.Text.Json;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Microsoft.Extensions.Logging;

namespace Ioc.Simulator.Runtime;

/// <summary>Loads and atomically saves the simulator's pending schedule under <c>DataPath</c>.</summary>
public sealed class SimulatorStateStore(string directory, ILogger logger)
{
    public const string FileName = "simulator-state.json";

    public string FilePath { get; } = Path.Combine(directory, FileName);

    public SimulatorStateFile? Load()
    {
        try
        {
            if (!File.Exists(FilePath)) return null;
            using var stream = File.OpenRead(FilePath);
            var state = JsonSerializer.Deserialize<SimulatorStateFile>(stream, TelemetryJson.Options);
            logger.LogInformation("Simulator state loaded: {Count} open dossiers from {File}", state?.Dossiers.Count ?? 0, FilePath);
            return state;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            logger.LogWarning(ex, "Simulator state {File} could not be read; starting without it", FilePath);
            return null;
        }
    }

    /// <summary>Serializes now (the caller owns the records) and writes through a temporary file.</summary>
    public void Save(int seed, DateTimeOffset savedAt, IEnumerable<DossierRecord> dossiers)
    {
        var state = new SimulatorStateFile { Seed = seed, SavedAt = savedAt, Dossiers = [.. dossiers] };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, TelemetryJson.Options);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temp = FilePath + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Simulator state could not be saved to {File}", FilePath);
        }
    }
}
