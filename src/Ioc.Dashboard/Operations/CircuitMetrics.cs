using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ioc.Dashboard.Operations;

/// <summary>Counts the open page circuits (the wall and ward pages' live connections) in <see cref="LiveMetrics"/>.</summary>
public sealed class CircuitMetrics(LiveMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Connected(LiveMetrics.Page);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Disconnected(LiveMetrics.Page);
        return Task.CompletedTask;
    }
}
