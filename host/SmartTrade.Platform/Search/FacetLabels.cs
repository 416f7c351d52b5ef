using System.Globalization;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Platform.Search;

/// <summary>Display labels for facet buckets and the culture of a search, the same for every search provider.</summary>
internal static class FacetLabels
{
    /// <summary>The label of a term bucket: a market's name, a category's name (by path), or an allowed value's name.</summary>
    public static string? Label(IMarketSchemas markets, string field, string key, MarketDescriptor? market, AttributeDefinition? attribute, CultureInfo culture)
    {
        switch (field)
        {
            case BuiltInFields.Market:
                return markets.Find(key)?.Names.Get(culture);
            case BuiltInFields.Category:
                IReadOnlyList<CategoryDefinition> level = market?.Categories ?? [];
                CategoryDefinition? node = null;
                foreach (var code in key.Split('/'))
                {
                    node = level.FirstOrDefault(c => c.Code == code);
                    if (node is null)
                    {
                        return null;
                    }

                    level = node.Children;
                }

                return node?.Names.Get(culture);
            default:
                return attribute?.AllowedValues.FirstOrDefault(v => v.Code == key)?.Names.Get(culture);
        }
    }

    /// <summary>The culture asked for, zh-CN when none or an unknown one is given.</summary>
    public static CultureInfo CultureFor(string? culture)
    {
        try
        {
            return CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(culture) ? LocalizedText.DefaultCulture : culture);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo(LocalizedText.DefaultCulture);
        }
    }
}
