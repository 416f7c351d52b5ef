using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Storefront;

/// <summary>Adding storefront pages and menu entries from a plugin's <c>MapEndpoints</c> (or the host's).</summary>
public static class StorefrontEndpointExtensions
{
    /// <summary>
    /// Serves <typeparamref name="TComponent"/> as a page at <paramref name="pattern"/> (GET) inside the shared layout.
    /// Route values are passed to the component's parameters of the same name. Pages are left out of the OpenAPI
    /// document.
    /// </summary>
    /// <typeparam name="TComponent">The page's content component.</typeparam>
    /// <param name="endpoints">Where to map.</param>
    /// <param name="pattern">The route, e.g. <c>/receipts/trade/{instrument}</c>.</param>
    /// <param name="title">The page's title.</param>
    public static RouteHandlerBuilder MapPage<TComponent>(this IEndpointRouteBuilder endpoints, string pattern, LocalizedText title)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, (HttpContext context, IStorefrontPages pages) =>
            {
                var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in context.Request.RouteValues)
                {
                    parameters[name] = value;
                }

                return pages.Page<TComponent>(title, RouteParameters<TComponent>(parameters));
            })
            .ExcludeFromDescription()
            .WithMetadata(new StorefrontPageMetadata(title));
    }

    /// <summary>Adds a menu entry for this endpoint; it shows while the endpoint is served.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The page's endpoint.</param>
    /// <param name="entry">The entry.</param>
    public static TBuilder WithNavigation<TBuilder>(this TBuilder builder, NavigationEntry entry)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(entry);
        return builder.WithMetadata(entry);
    }

    // Only route values the component declares as parameters: rendering fails on unknown parameter names.
    private static Dictionary<string, object?> RouteParameters<TComponent>(Dictionary<string, object?> values)
    {
        var result = new Dictionary<string, object?>();
        foreach (var property in typeof(TComponent).GetProperties())
        {
            if (property.IsDefined(typeof(ParameterAttribute), inherit: true) && values.TryGetValue(property.Name, out var value))
            {
                result[property.Name] = value is string text && property.PropertyType != typeof(string)
                    ? ConvertRouteValue(text, property.PropertyType)
                    : value;
            }
        }

        return result;
    }

    private static object? ConvertRouteValue(string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(Guid))
        {
            return Guid.TryParse(text, out var guid) ? guid : null;
        }

        if (target == typeof(long))
        {
            return long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        }

        if (target == typeof(int))
        {
            return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
        }

        return text;
    }
}

/// <summary>Marks an endpoint as a storefront page, with its title.</summary>
/// <param name="Title">The page's title.</param>
public sealed record StorefrontPageMetadata(LocalizedText Title);
