using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Demo;

/// <summary>
/// Demo data a plugin offers so that a Development host opens on a lively storefront: merchants and the listings
/// they sell. Register it in <c>ConfigureServices</c> (<c>services.AddSingleton&lt;IDemoCatalog, MyDemo&gt;()</c>).
/// </summary>
/// <remarks>
/// A Development host seeds it after the plugin has started, through the same validation as a merchant's own
/// listings, and only once per listing: each <see cref="DemoListing.Key"/> maps to a fixed listing id, so restarts
/// and upgrades never duplicate it. Hosts outside Development never call it.
/// </remarks>
public interface IDemoCatalog
{
    /// <summary>The merchant accounts the listings belong to (created with the demo password when missing).</summary>
    IReadOnlyList<DemoMerchant> Merchants { get; }

    /// <summary>The listings, built for the given day so that dates (harvests, seasons) look current.</summary>
    /// <param name="today">The host's date (its TimeProvider) in Asia/Shanghai.</param>
    IReadOnlyList<DemoListing> Listings(DateOnly today);
}

/// <summary>A demo merchant account.</summary>
/// <param name="Email">The sign-in e-mail (use a <c>.demo</c> domain).</param>
/// <param name="DisplayName">The name shown in the storefront.</param>
public sealed record DemoMerchant(string Email, string DisplayName);

/// <summary>A demo listing, in the shape a merchant would enter it.</summary>
public sealed record DemoListing
{
    /// <summary>Stable and unique within the plugin (e.g. <c>kettle/supor-sw17</c>): it fixes the listing's id.</summary>
    public required string Key { get; init; }

    /// <summary>The seller: one of <see cref="IDemoCatalog.Merchants"/>, or a demo account of the host.</summary>
    public required string MerchantEmail { get; init; }

    /// <summary>The market.</summary>
    public required string MarketId { get; init; }

    /// <summary>The title; zh-CN required.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The description.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>The category path in the market's tree, e.g. <c>kitchen/kettle</c>.</summary>
    public required string CategoryPath { get; init; }

    /// <summary>The price in minor units (fen).</summary>
    public required long PriceMinor { get; init; }

    /// <summary>A unit code of the market.</summary>
    public required string Unit { get; init; }

    /// <summary>Stock in units.</summary>
    public required long Stock { get; init; }

    /// <summary>
    /// Attribute values by key, as JSON would carry them: <see cref="string"/>, <see cref="long"/> or <see cref="int"/>,
    /// <see cref="bool"/>, <see cref="DateOnly"/>, or a string array for multiple choices.
    /// </summary>
    public IReadOnlyDictionary<string, object> Attributes { get; init; } = new Dictionary<string, object>();

    /// <summary>Whether to publish it (default) or leave it a draft.</summary>
    public bool Publish { get; init; } = true;
}
