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
            var due = await NextWindowEndAsync(cancellationToken);
            var wait = due - time.GetUtcNow();
            var delay = Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, cancellationToken);
            // The clock may have moved between reading it and starting the timer: then the window is due already.
            if (time.GetUtcNow() < due)
            {
                await delay;
            }
        }
    }

    private async Task<DateTimeOffset> NextWindowEndAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (_, parameters) = await scope.ServiceProvider.GetRequiredService<MethodologyBook>().CurrentAsync(cancellationToken);
        return new WindowSchedule(parameters.Windows, parameters.BaseDate).Next(time.GetUtcNow().ToUnixTimeMilliseconds()).End;
    }
}
