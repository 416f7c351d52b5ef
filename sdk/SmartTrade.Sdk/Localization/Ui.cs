using System.Globalization;

namespace SmartTrade.Sdk.Localization;

/// <summary>
/// Interface text written beside its use in both storefront languages: <c>@T("购物车", "Cart")</c> in a Razor
/// component (with <c>@using static SmartTrade.Sdk.Localization.Ui</c>). Keeping the pair together means no string
/// can be missing in one language.
/// </summary>
public static class Ui
{
    /// <summary>Whether the current UI culture is English (any <c>en-*</c>); otherwise the storefront speaks zh-CN.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text for the current UI culture.</summary>
    /// <param name="zhCn">Simplified Chinese, the default.</param>
    /// <param name="en">English.</param>
    public static string T(string zhCn, string en) => IsEnglish ? en : zhCn;

    /// <summary>An amount in minor units as the storefront shows it: <c>¥129.00</c>.</summary>
    /// <param name="money">The amount.</param>
    public static string Format(Money money)
    {
        var symbol = money.Currency == "CNY" ? "¥" : money.Currency + " ";
        var sign = money.Minor < 0 ? "-" : string.Empty;
        var minor = money.Minor < 0 ? (ulong)(-(money.Minor + 1)) + 1 : (ulong)money.Minor;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{symbol}{minor / 100:N0}.{minor % 100:00}");
    }
}
