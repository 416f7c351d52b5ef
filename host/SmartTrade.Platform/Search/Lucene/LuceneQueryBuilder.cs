using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Lucene.LuceneIndexSchema;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>
/// Turns a <see cref="SearchQuery"/> into Lucene queries without Lucene's query parser, so no user text can
/// throw: the text is split on white space, each word is analyzed per field and must match in at least one
/// field (title, description, keywords, codes, in Chinese or English); filters add non-scoring clauses.
/// </summary>
internal sealed class LuceneQueryBuilder(Analyzer analyzer, int maxWords)
{
    private static readonly (string Field, float Boost)[] TextFields =
    [
        (TitleZh, 3f), (TitleEn, 3f), (Codes, 2f), (DescriptionZh, 1f), (DescriptionEn, 1f), (KeywordsText, 1f),
    ];

    /// <summary>The scoring part of the query, or <see langword="null"/> when there is no text (everything matches).</summary>
    public Query? Text(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var query = new BooleanQuery();
        foreach (var word in words.Take(maxWords))
        {
            var alternatives = new BooleanQuery();
            var chinese = TextAnalysis.HasCjk(word);
            foreach (var (field, boost) in TextFields)
            {
                // A Chinese word is looked for where text is analysed as Chinese (and among codes): the English fields
                // would split it into single characters, a phrase lookup per segment that only costs time, since every
                // listing has a Chinese title.
                if (chinese && field is TitleEn or DescriptionEn)
                {
                    continue;
                }

                if (FieldQuery(field, word) is { } fieldQuery)
                {
                    fieldQuery.Boost = boost;
                    alternatives.Add(fieldQuery, Occur.SHOULD);
                }
            }

            if (alternatives.Clauses.Count == 0)
            {
                continue;
            }

            // English stop words ("the", "for") help ranking but are not required to match.
            var optional = StopAnalyzer.ENGLISH_STOP_WORDS_SET.Contains(word.ToLowerInvariant());
            query.Add(alternatives, optional ? Occur.SHOULD : Occur.MUST);
        }

        // Text made only of punctuation matches nothing: an empty BooleanQuery.
        return query;
    }

    /// <summary>
    /// Everything a listing must match: the text, live listings only, the market, and each filter except those on
    /// <paramref name="exceptField"/> (facet counts ignore the facet's own filters).
    /// </summary>
    public Query Build(SearchQuery search, Query? text, string? exceptField = null)
    {
        // Tombstones are excluded rather than listings required: the few tombstones' postings are skipped through,
        // where requiring kind:listing walked a list as long as the index in every search.
        var query = new BooleanQuery(disableCoord: true)
        {
            { text ?? new MatchAllDocsQuery(), Occur.MUST },
            { new TermQuery(new Term(Kind, KindTombstone)), Occur.MUST_NOT },
        };
        if (!string.IsNullOrEmpty(search.MarketId))
        {
            query.Add(NonScoring(new TermQuery(new Term(TermField(Sdk.Markets.BuiltInFields.Market), search.MarketId))), Occur.MUST);
        }

        foreach (var filter in search.Filters)
        {
            if (filter is null || filter.Field == exceptField)
            {
                continue;
            }

            query.Add(NonScoring(Filter(filter)), Occur.MUST);
        }

        return query;
    }

    private static Query Filter(SearchFilter filter)
    {
        switch (filter)
        {
            case TermsFilter terms:
            {
                var any = new BooleanQuery();
                foreach (var value in terms.Values ?? [])
                {
                    if (value is not null)
                    {
                        any.Add(new TermQuery(new Term(TermField(terms.Field), value)), Occur.SHOULD);
                    }
                }

                return any;
            }

            case RangeFilter range:
            {
                // Integers are numbers; dates are yyyy-MM-dd terms, so day-number bounds become a term range.
                var any = new BooleanQuery
                {
                    { NumericRangeQuery.NewInt64Range(NumberField(range.Field), range.From, range.To, true, false), Occur.SHOULD },
                };
                if (IsDayNumber(range.From) && IsDayNumber(range.To))
                {
                    any.Add(TermRangeQuery.NewStringRange(TermField(range.Field), Day(range.From), Day(range.To), true, false), Occur.SHOULD);
                }

                return any;
            }

            default:
                throw new ArgumentException($"Filters of kind {filter.GetType().Name} are not supported.", nameof(filter));
        }
    }

    private static bool IsDayNumber(long? day) => day is null || day.Value is >= 0 and <= 3_652_058;

    private static string? Day(long? day)
        => day is { } d ? DateOnly.FromDayNumber((int)d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static ConstantScoreQuery NonScoring(Query query) => new(query) { Boost = 0f };

    private Query? FieldQuery(string field, string word)
    {
        var terms = TextAnalysis.Terms(analyzer, field, word);
        switch (terms.Count)
        {
            case 0:
                return null;
            case 1:
                return new TermQuery(new Term(field, terms[0].Term));
            default:
                // The pieces of one word ("电水壶", "MK-1720") must stand together.
                var phrase = new PhraseQuery();
                foreach (var (term, position) in terms)
                {
                    phrase.Add(new Term(field, term), position);
                }

                return phrase;
        }
    }
}
