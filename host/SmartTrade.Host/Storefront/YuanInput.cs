using System.Globalization;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// Amounts typed in yuan (<c>129.9</c>, <c>1,299.00</c>, <c>¥35</c>) read exactly into fen, by their digits: no
/// floating point anywhere, and more than two decimals is an error rather than a rounding.
/// </summary>
public static class YuanInput
{
    /// <summary>The most yuan digits accepted before the decimal point (below a trillion yuan).</summary>
    private const int MaxWholeDigits = 12;

    public static bool TryParse(string? text, out long fen)
    {
        fen = 0;
        var s = (text ?? string.Empty).Trim();
        if (s.Length > 0 && (s[0] == '¥' || s[0] == '￥'))
        {
            s = s[1..].TrimStart();
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? string.Empty : s[(dot + 1)..];
        if (!IsGroupedDigits(whole) || fraction.Length > 2 || (dot >= 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        var digits = whole.Replace(",", string.Empty, StringComparison.Ordinal);
        if (digits.Length > MaxWholeDigits)
        {
            return false;
        }

        fen = (long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * 100)
            + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Fen as the yuan a form field shows: <c>12990</c> is <c>129.90</c>.</summary>
    public static string Format(long fen)
    {
        var sign = fen < 0 ? "-" : string.Empty;
        var abs = fen == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(fen);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100}.{abs % 100:00}");
    }

    // Digits, optionally grouped by commas in threes ("1,299"); at least one digit.
    private static bool IsGroupedDigits(string whole)
    {
        if (whole.Length == 0 || !whole.All(c => char.IsAsciiDigit(c) || c == ','))
        {
            return false;
        }

        if (!whole.Contains(',', StringComparison.Ordinal))
        {
            return true;
        }

        var groups = whole.Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
