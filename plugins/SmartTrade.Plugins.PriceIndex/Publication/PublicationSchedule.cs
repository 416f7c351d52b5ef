using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Publication;

/// <summary>
/// Publishes each window when it ends, on the host's <see cref="TimeProvider"/>: publishes what is due, then waits for
/// the next window's end. Started and stopped with the plugin.
/// </summary>
/// <param name="publisher">Publishes.</param>
/// <param name="scopes">For the methodology's windows.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Logs failures; the schedule keeps going.</param>
public sealed class PublicationSchedule(IndexPublisher publisher, IServiceScopeFactory scopes, TimeProvider time, ILogger<PublicationSchedule> logger)
{
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;

    /// <summary>Starts publishing in the background.</summary>
    public void Start()
    {
        _stop = new CancellationTokenSource();
        _running = RunAsync(_stop.Token);
    }

    /// <summary>Stops and waits for a publication in progress to finish.</summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        _stop.Dispose();
        _stop = null;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await publisher.PublishDueAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Publishing the price index windows failed; retrying at the next window");
            }
            await Task.Delay(await UntilNextWindowAsync(cancellationToken), time, cancellationToken);
        }
    }

    private async Task<TimeSpan> UntilNextWindowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (_, parameters) = await scope.ServiceProvider.GetRequiredService<MethodologyBook>().CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var next = new WindowSchedule(parameters.Windows, parameters.BaseDate).Next(now.ToUnixTimeMilliseconds());
        var wait = next.End - now;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
