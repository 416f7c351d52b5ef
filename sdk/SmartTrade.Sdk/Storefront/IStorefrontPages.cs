using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Storefront;

/// <summary>
/// Renders a Razor component as a whole storefront page inside the shared layout (header, menus, language switch,
/// footer), on the server. The host implements it; plugins and the host's own pages use it from endpoints,
/// usually through <see cref="StorefrontEndpointExtensions.MapPage{TComponent}"/>.
/// </summary>
public interface IStorefrontPages
{
    /// <summary>A page showing <typeparamref name="TComponent"/> with these parameters.</summary>
    /// <typeparam name="TComponent">The page's content component.</typeparam>
    /// <param name="title">The page title (the browser tab and the main heading's default).</param>
    /// <param name="parameters">The component's parameters by name, or null.</param>
    /// <param name="statusCode">The HTTP status, e.g. 422 for a form shown again with its errors.</param>
    IResult Page<TComponent>(LocalizedText title, IReadOnlyDictionary<string, object?>? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent;

    /// <summary>A page with a message only, such as "not found", in the layout.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="title">The heading.</param>
    /// <param name="message">The explanation.</param>
    IResult Message(int statusCode, LocalizedText title, LocalizedText message);
}
