using System.Security.Claims;
using SmartTrade.Sdk.Storefront;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// The menus of the layout, read from the <see cref="NavigationEntry"/> metadata of the endpoints being served now
/// (the host's and every enabled plugin's): a plugin's entries come and go with its endpoints.
/// </summary>
internal sealed class Navigation(EndpointDataSource endpoints)
{
    public IReadOnlyList<NavigationEntry> For(NavigationArea area, ClaimsPrincipal user)
    {
        var entries = new List<NavigationEntry>();
        foreach (var endpoint in endpoints.Endpoints)
        {
            foreach (var entry in endpoint.Metadata.GetOrderedMetadata<NavigationEntry>())
            {
                if (entry.Area == area && (entry.Role is null || user.IsInRole(entry.Role)) && !entries.Any(e => e.Href == entry.Href))
                {
                    entries.Add(entry);
                }
            }
        }

        return entries.OrderBy(e => e.Order).ThenBy(e => e.Href, StringComparer.Ordinal).ToList();
    }
}
