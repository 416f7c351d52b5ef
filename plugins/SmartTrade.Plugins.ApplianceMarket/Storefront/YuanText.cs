using System.Globalization;

namespace SmartTrade.Plugins.ApplianceMarket.Storefront;

/// <summary>How the appliance pages read prices typed in yuan; integers (fen) underneath.</summary>
public static class YuanText
{
    /// <summary>Reads yuan with at most two decimals into fen, exactly; <see langword="null"/> when it is not such a number.</summary>
    /// <param name="text">What the user typed, e.g. <c>59.90</c>.</param>
    public static long? ParseFen(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim().Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value.Scale > 2 || value > 100_000_000m)
        {
            return null;
        }

        return (long)(value * 100);
    }

    /// <summary>Fen as the yuan a form field shows, e.g. <c>59.90</c>.</summary>
    /// <param name="fen">The amount.</param>
    public static string Edit(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
