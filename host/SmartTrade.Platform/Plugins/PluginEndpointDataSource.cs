using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SmartTrade.Platform.Plugins;

/// <summary>Serves the endpoints of the enabled plugins; signals routing to rebuild when the set changes.</summary>
internal sealed class PluginEndpointDataSource : Microsoft.AspNetCore.Routing.EndpointDataSource
{
    private readonly Lock _lock = new();
    private IReadOnlyList<Endpoint> _endpoints = [];
    private CancellationTokenSource _changed = new();

    public override IReadOnlyList<Endpoint> Endpoints => Volatile.Read(ref _endpoints);

    public override IChangeToken GetChangeToken()
    {
        lock (_lock)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Publish(IReadOnlyList<Endpoint> endpoints)
    {
        CancellationTokenSource previous;
        lock (_lock)
        {
            Volatile.Write(ref _endpoints, endpoints);
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }
}

/// <summary>
/// Tells API description (and so the OpenAPI document) that plugin endpoints changed; without it the
/// description would keep the endpoints seen first until a restart.
/// </summary>
internal sealed class PluginApiDescriptionChanges(PluginEndpointDataSource endpoints)
    : Microsoft.AspNetCore.Mvc.Infrastructure.IActionDescriptorChangeProvider
{
    public IChangeToken GetChangeToken() => endpoints.GetChangeToken();
}
