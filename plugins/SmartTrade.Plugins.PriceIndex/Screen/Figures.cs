using System.Globalization;

namespace SmartTrade.Plugins.PriceIndex.Screen;

/// <summary>How the index pages write and read numbers: points, yuan per tonne and tonnes; integers underneath.</summary>
public static class Figures
{
    /// <summary>Index points with two decimals, e.g. 1,012.35.</summary>
    public static string Points(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>A signed change in points, e.g. +3.10.</summary>
    public static string SignedPoints(decimal change) => (change > 0 ? "+" : "") + Points(change);

    /// <summary>Fen per tonne as yuan with two decimals.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Kilograms as tonnes, up to three decimals.</summary>
    public static string Tonnes(long kilograms) => (kilograms / 1000m).ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>A weight in millionths as a percentage, e.g. 41.2345%.</summary>
    public static string Percent(long ppm) => (ppm / 10_000m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    /// <summary>Reads yuan with at most two decimals into fen, exactly; null when it is not such a positive number.</summary>
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
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value.Scale > decimals
            || Math.Abs(value) > 1_000_000_000_000m)
        {
            return null;
        }
        for (int i = 0; i < decimals; i++)
        {
            value *= 10;
        }
        return (long)value;
    }
}
