using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using SmartTrade.Plugins.PriceIndex.Indices;

namespace SmartTrade.Plugins.PriceIndex.Methodology;

/// <summary>
/// The numbers of the methodology that a published value depends on. Every value cites the methodology version it
/// was computed under; a change of any parameter is a new version (see <see cref="MethodologyVersion"/>).
/// </summary>
public sealed record MethodologyParameters
{
    /// <summary>The local times of the assessment windows (Asia/Shanghai), on trading days (Monday to Friday).</summary>
    [JsonPropertyName("windows")]
    public IReadOnlyList<TimeOnly> Windows { get; init; } = PlasticsPriceIndices.PublicationTimes;

    /// <summary>Fewest trades (after outliers are excluded) for a window's value to be their VWAP.</summary>
    [JsonPropertyName("minTrades")]
    public int MinTrades { get; init; } = 3;

    /// <summary>Least traded quantity in kg (after outliers are excluded) for a window's value to be their VWAP.</summary>
    [JsonPropertyName("minQuantityKg")]
    public long MinQuantityKg { get; init; } = 50_000;

    /// <summary>Fewest distinct submitters of firm quotes for a value to be their median.</summary>
    [JsonPropertyName("minQuoteSubmitters")]
    public int MinQuoteSubmitters { get; init; } = 3;

    /// <summary>k: an observation further than k x MAD from the median is an outlier and left out. In hundredths (300 is 3.00).</summary>
    [JsonPropertyName("outlierMadMultiplierHundredths")]
    public int OutlierMadMultiplierHundredths { get; init; } = 300;

    /// <summary>The largest weight a single constituent may have, in millionths (400000 is 40%); null for no cap.</summary>
    [JsonPropertyName("weightCapPpm")]
    public long? WeightCapPpm { get; init; }

    /// <summary>The base date: its closing window's value is <see cref="BaseValue"/>.</summary>
    [JsonPropertyName("baseDate")]
    public DateOnly BaseDate { get; init; } = PlasticsPriceIndices.BaseDate;

    /// <summary>The index value at the base date.</summary>
    [JsonPropertyName("baseValue")]
    public int BaseValue { get; init; } = 1000;

    /// <summary>Reads the parameters from the plugin's configuration (<c>SmartTrade:Plugins:price-index:Methodology</c>), defaults for what is absent.</summary>
    /// <param name="configuration">The plugin's configuration section.</param>
    public static MethodologyParameters FromConfiguration(IConfiguration configuration)
    {
        var defaults = new MethodologyParameters();
        var section = configuration.GetSection("Methodology");
        var windows = section.GetSection("Windows").Get<string[]>();
        return new MethodologyParameters
        {
            Windows = windows is { Length: > 0 }
                ? [.. windows.Select(w => TimeOnly.ParseExact(w, "HH:mm", System.Globalization.CultureInfo.InvariantCulture)).Order()]
                : defaults.Windows,
            MinTrades = section.GetValue("MinTrades", defaults.MinTrades),
            MinQuantityKg = section.GetValue("MinQuantityKg", defaults.MinQuantityKg),
            MinQuoteSubmitters = section.GetValue("MinQuoteSubmitters", defaults.MinQuoteSubmitters),
            OutlierMadMultiplierHundredths = section.GetValue("OutlierMadMultiplierHundredths", defaults.OutlierMadMultiplierHundredths),
            WeightCapPpm = section.GetValue<long?>("WeightCapPpm", null),
            BaseDate = section.GetValue("BaseDate", defaults.BaseDate),
            BaseValue = section.GetValue("BaseValue", defaults.BaseValue),
        };
    }

    /// <summary>What is wrong with these parameters, or an empty list.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Windows is null || Windows.Count == 0 || Windows.Distinct().Count() != Windows.Count)
        {
            problems.Add("windows: give at least one window, each time once.");
        }
        if (MinTrades < 1 || MinQuantityKg < 0 || MinQuoteSubmitters < 1)
        {
            problems.Add("thresholds: minTrades and minQuoteSubmitters must be at least 1, minQuantityKg not negative.");
        }
        if (OutlierMadMultiplierHundredths <= 0)
        {
            problems.Add("outlierMadMultiplierHundredths must be positive.");
        }
        if (WeightCapPpm is <= 0 or > 1_000_000)
        {
            problems.Add("weightCapPpm must be between 1 and 1000000.");
        }
        if (BaseDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || BaseDate.Year is < 2000 or > 2099)
        {
            problems.Add("baseDate must be a trading day (Monday to Friday) from 2000 to 2099.");
        }
        if (BaseValue <= 0)
        {
            problems.Add("baseValue must be positive.");
        }
        return problems;
    }
}
