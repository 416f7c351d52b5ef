using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartTrade.Platform.Plugins;

/// <summary>
/// The host's handler for every notification: hands it to the handlers of each enabled plugin, in load order,
/// each in a plugin scope paired with the publisher's host scope. A plugin handler that throws is logged and
/// does not stop the others or the publisher.
/// </summary>
/// <typeparam name="TNotification">The notification type.</typeparam>
internal sealed class PluginNotificationRelay<TNotification>(
    PluginRuntime runtime,
    IServiceProvider services,
    ILogger<PluginNotificationRelay<TNotification>> logger) : INotificationHandler<TNotification>
    where TNotification : INotification
{
    public async Task Handle(TNotification notification, CancellationToken cancellationToken)
    {
        foreach (var generation in runtime.ServingGenerations())
        {
            if (!generation.TryAcquire())
            {
                continue;
            }

            try
            {
                using var reflection = generation.EnterContext();
                await using var scope = generation.CreateScope(services);
                foreach (var handler in scope.ServiceProvider.Plugin.GetServices<INotificationHandler<TNotification>>())
                {
                    await handler.Handle(notification, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Plugin {PluginId} {Version} failed handling {Notification}", generation.Id, generation.Version, typeof(TNotification).Name);
            }
            finally
            {
                generation.Release();
            }
        }
    }
}
