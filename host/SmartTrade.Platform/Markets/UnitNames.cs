using System.Globalization;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Platform.Markets;

/// <summary>
/// Names of units in the user's language. A sale unit is named by its market (<see cref="SaleUnit.Names"/>); an
/// attribute's unit is a code such as <c>month</c> or <c>W</c>: word units have names here, symbols (W, V, mL)
/// read the same in both languages and are shown as they are.
/// </summary>
public static class UnitNames
{
    private static readonly Dictionary<string, LocalizedText> Words = new(StringComparer.Ordinal)
    {
        ["piece"] = new("件", "pieces"),
        ["carton"] = new("箱", "cartons"),
        ["box"] = new("箱", "boxes"),
        ["set"] = new("套", "sets"),
        ["day"] = new("天", "days"),
        ["month"] = new("个月", "months"),
        ["year"] = new("年", "years"),
        ["hour"] = new("小时", "hours"),
        ["tonne"] = new("吨", "t"),
        ["kg"] = new("千克", "kg"),
        ["g"] = new("克", "g"),
        ["cavity"] = new("腔", "cavities"),
        ["shot"] = new("模次", "shots"),
    };

    /// <summary>An attribute unit's name in a culture (the current UI culture when null); the code itself when it has none.</summary>
    public static string Name(string code, CultureInfo? culture = null)
        => Words.TryGetValue(code, out var name) ? name.Get(culture) : code;

    /// <summary>A sale unit's name as its market gives it, else as <see cref="Name"/> does.</summary>
    public static string SaleUnit(MarketDescriptor? market, string code, CultureInfo? culture = null)
        => market?.Units.FirstOrDefault(u => u.Code == code)?.Names.Get(culture) ?? Name(code, culture);
}
