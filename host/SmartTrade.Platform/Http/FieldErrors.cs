using SmartTrade.Sdk.Localization;

namespace SmartTrade.Platform.Http;

/// <summary>
/// What is wrong with a request, by field, each message in zh-CN and en: the storefront shows it next to the field
/// in the user's language, the API answers with the English text in its validation problem details.
/// </summary>
public sealed class FieldErrors : Dictionary<string, List<LocalizedText>>
{
    public FieldErrors()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Adds one message to a field.</summary>
    public void Report(string field, string zhCn, string en) => Report(field, new LocalizedText(zhCn, en));

    /// <summary>Adds one message to a field.</summary>
    public void Report(string field, LocalizedText message)
    {
        if (!TryGetValue(field, out var messages))
        {
            this[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The messages in English, as validation problem details carry them.</summary>
    public Dictionary<string, string[]> InEnglish()
        => this.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Get(System.Globalization.CultureInfo.GetCultureInfo(LocalizedText.English))).ToArray(), StringComparer.Ordinal);

    /// <summary>The messages in the current UI culture, one line per field.</summary>
    public Dictionary<string, string> InCurrentCulture()
        => this.ToDictionary(e => e.Key, e => string.Join(" ", e.Value.Select(m => m.Get())), StringComparer.Ordinal);
}
