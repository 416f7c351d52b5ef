using System.Globalization;

namespace SmartTrade.Plugins.WarehouseReceipts.Screen;

/// <summary>How the trading screen writes and reads prices (yuan per tonne) and quantities (tonnes); integers underneath.</summary>
public static class Quotes
{
    /// <summary>Fen per tonne as yuan with two decimals, e.g. 8,030.00.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>A signed change in yuan, e.g. +30.00.</summary>
    public static string SignedYuan(long fen) => (fen > 0 ? "+" : "") + Yuan(fen);

    /// <summary>Kilograms as tonnes, up to three decimals.</summary>
    public static string Tonnes(long kilograms) => (kilograms / 1000m).ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>Reads yuan with at most two decimals into fen, exactly; <see langword="null"/> when it is not such a number.</summary>
    public static long? ParseYuan(string? text) => ParseScaled(text, 2);

    /// <summary>Reads tonnes with at most three decimals into kg, exactly.</summary>
    public static long? ParseTonnes(string? text) => ParseScaled(text, 3);

    private static long? ParseScaled(string? text, int decimals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim().Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value.Scale > decimals)
        {
            return null;
        }
        // Checked before scaling: a number near decimal's range would overflow when scaled.
        var scale = (decimal)Math.Pow(10, decimals);
        return value > long.MaxValue / scale ? null : (long)(value * scale);
    }
}
