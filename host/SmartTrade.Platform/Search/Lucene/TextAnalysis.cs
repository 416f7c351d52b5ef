using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>The analyzers of the catalog index, one per kind of text.</summary>
internal static class TextAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Splits a text into the terms an analyzer produces for a field, with their positions (stop words leave gaps).</summary>
    public static List<(string Term, int Position)> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }

        stream.End();
        return terms;
    }

    public static bool HasCjk(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff')
            {
                return true;
            }
        }

        return false;
    }

    public static Analyzer English() => new StandardAnalyzer(Version);
}

/// <summary>
/// Chinese text: SmartCn's HMM word segmentation and stop words, but without the Porter stemmer that
/// <see cref="SmartChineseAnalyzer"/> adds, which turns Latin codes into other words (ABS becomes ab).
/// </summary>
internal sealed class ChineseTextAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        TokenStream result = new LowerCaseFilter(TextAnalysis.Version, tokenizer);
        result = new StopFilter(TextAnalysis.Version, result, SmartChineseAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, result);
    }
}

/// <summary>
/// Codes, brands and models matched exactly but case-insensitively: tokens are runs of letters, digits and the
/// joiners codes use (<c>-</c>, <c>.</c>, <c>_</c>, <c>/</c>, <c>+</c>, <c>#</c>), lower-cased; nothing is stemmed.
/// </summary>
internal sealed class CodeAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        => new(new CodeTokenizer(reader));

    private sealed class CodeTokenizer(TextReader input) : CharTokenizer(TextAnalysis.Version, input)
    {
        protected override bool IsTokenChar(int c)
            => char.IsLetterOrDigit((char)c) || c > char.MaxValue || c is '-' or '.' or '_' or '/' or '+' or '#';

        protected override int Normalize(int c) => c <= char.MaxValue ? char.ToLowerInvariant((char)c) : c;
    }
}
