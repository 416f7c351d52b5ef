using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Storefront;

/// <summary>Where in the storefront's layout a navigation entry appears.</summary>
public enum NavigationArea
{
    /// <summary>The main menu, for everyone.</summary>
    Main,

    /// <summary>The signed-in user's menu (orders, account).</summary>
    Account,

    /// <summary>The merchant's menu.</summary>
    Merchant,

    /// <summary>The administrator's menu.</summary>
    Admin,
}

/// <summary>
/// A link in the storefront's layout, attached to the page endpoint it leads to
/// (<see cref="StorefrontEndpointExtensions.WithNavigation{TBuilder}"/>). Because it lives on the endpoint, it
/// appears while the endpoint is served and disappears with it: disabling a plugin removes its menu entries
/// without a restart.
/// </summary>
/// <param name="Href">The link, e.g. <c>/receipts/trade</c>.</param>
/// <param name="Title">The link text in each language.</param>
/// <param name="Area">Which menu it belongs to.</param>
/// <param name="Order">Position in its menu, smallest first; the host's own entries use multiples of 10.</param>
/// <param name="Role">Shown only to users in this role (<see cref="Security.Roles"/>); everyone when null.</param>
public sealed record NavigationEntry(string Href, LocalizedText Title, NavigationArea Area = NavigationArea.Main, int Order = 100, string? Role = null);
