using System.Net;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Simulator.Transport;
using Microsoft.Extensions.Logging;

namespace Ioc.Simulator.Runtime;

/// <summary>Getting the simulated devices' batches to the center: one post at a time per device, retried with the same ids until the center has it.</summary>
public sealed partial class SimulatorRunner
{
    /// <summary>Queues the deliveries due now on their devices and starts a post for each idle device that has some.</summary>
    private void PostDue(CancellationToken ct)
    {
        foreach (var d in _network!.TakeDue(_clock.GetUtcNow()))
        {
            Stats.AddDelivery(d.Kind);
            if (_links.TryGetValue(d.DeviceId, out var link)) link.Ready.Enqueue(d);
        }
        foreach (var link in _links.Values)
        {
            if (link.Busy || link.Ready.IsEmpty) continue;
            link.Busy = true;
            var task = SendAsync(link, ct);
            _inflight[task] = 0;
            _ = task.ContinueWith(t => _inflight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Posts the device's due deliveries one after another, each until the center has it.</summary>
    private async Task SendAsync(DeviceLink link, CancellationToken ct)
    {
        try
        {
            while (link.Ready.TryDequeue(out var delivery))
            {
                try
                {
                    await SendBatchAsync(link, delivery.Events, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Stats.AddDropped(delivery.Events.Count);
                    _logger.LogError(ex, "Simulator: sending {Count} events of {Device} failed", delivery.Events.Count, link.Spec.DeviceId);
                }
            }
        }
        finally
        {
            link.Busy = false;
        }
    }

    /// <summary>Posts one batch until the center has it; 429/503 and network errors retry the same bytes (same ids).</summary>
    private async Task SendBatchAsync(DeviceLink link, IReadOnlyList<SimEvent> batch, CancellationToken ct)
    {
        var body = TelemetryJson.SerializeBatch(batch);
        var backoff = TimeSpan.FromSeconds(1);
        var reprovisioned = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            Stats.AddPost();
            var r = _mqtt is not null && TransportChoice.UsesMqtt(_options.Transport, link.Spec.DeviceId)
                ? await _mqtt.SendAsync(link.Spec.DeviceId, link.Key, batch, ct).ConfigureAwait(false)
                : await _api.PostTelemetryAsync(link.Key, body, ct).ConfigureAwait(false);
            if (r.IsSuccess)
            {
                Stats.AddAccepted(r.Accepted, r.Duplicates);
                return;
            }
            switch (r.Status)
            {
                case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                    Stats.AddRetry();
                    await Task.Delay(r.RetryAfter ?? backoff, Real, ct).ConfigureAwait(false);
                    backoff = Next(backoff);
                    continue;
                case HttpStatusCode.BadRequest:
                    Stats.AddDropped(batch.Count);
                    _logger.LogError("Simulator bug: the center rejected {Count} events of {Device}: {Problem}", batch.Count, link.Spec.DeviceId, r.Body);
                    return;
                case HttpStatusCode.RequestEntityTooLarge when batch.Count > 1:
                    var half = batch.Count / 2;
                    await SendBatchAsync(link, batch.Take(half).ToList(), ct).ConfigureAwait(false);
                    await SendBatchAsync(link, batch.Skip(half).ToList(), ct).ConfigureAwait(false);
                    return;
                case HttpStatusCode.Unauthorized when !reprovisioned:
                    // The center forgot the key (e.g. its store was reset): provision again, then resend.
                    reprovisioned = true;
                    link.Key = await _api.ProvisionAsync(link.Spec, ct).ConfigureAwait(false);
                    _mqtt?.Forget(link.Spec.DeviceId);
                    continue;
                case null:
                case HttpStatusCode.RequestTimeout:
                case >= HttpStatusCode.InternalServerError:
                    Stats.AddRetry();
                    if (r.Error is not null) _logger.LogDebug("Simulator: posting for {Device} failed: {Message}", link.Spec.DeviceId, r.Error.Message);
                    await Task.Delay(backoff, Real, ct).ConfigureAwait(false);
                    backoff = Next(backoff);
                    continue;
                default:
                    Stats.AddDropped(batch.Count);
                    _logger.LogError("Simulator: the center answered {Status} to {Count} events of {Device}: {Problem}", (int)r.Status, batch.Count, link.Spec.DeviceId, r.Body);
                    return;
            }
        }
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 < TimeSpan.FromSeconds(30) ? backoff * 2 : TimeSpan.FromSeconds(30);
}
