using System.Net;
using System.Text.Json;

namespace Ioc.Simulator.Tests;

/// <summary>One telemetry request as the fake center saw it.</summary>
internal sealed record TelemetryCall(string? KeyDevice, string Body, IReadOnlyList<JsonElement> Events, HttpStatusCode Answer);
