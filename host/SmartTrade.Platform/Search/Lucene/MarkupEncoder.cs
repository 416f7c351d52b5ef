using System.Text;
using Lucene.Net.Search.Highlight;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>
/// Escapes the five characters that matter in HTML text and attributes, and nothing else: Lucene's
/// <see cref="SimpleHTMLEncoder"/> also turns every non-ASCII character into a numeric reference, which makes
/// Chinese snippets eight times longer for no benefit.
/// </summary>
internal sealed class MarkupEncoder : IEncoder
{
    public string EncodeText(string originalText)
    {
        if (string.IsNullOrEmpty(originalText) || originalText.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return originalText ?? string.Empty;
        }

        var builder = new StringBuilder(originalText.Length + 16);
        foreach (var c in originalText)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
