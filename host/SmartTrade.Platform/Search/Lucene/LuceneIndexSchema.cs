using System.Security.Cryptography;
using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>
/// How a <see cref="SearchDocument"/> is laid out in Lucene: one document per listing keyed by <see cref="Id"/>.
/// Exact values live in <c>t.&lt;field&gt;</c> (indexed term + sorted-set doc values for facets), integers in
/// <c>n.&lt;field&gt;</c> (indexed for ranges + numeric doc values for sorting and range facets), text in one field
/// per language plus a code field. A listing that stopped being searchable leaves a tombstone (id and version only)
/// so that a replayed older version cannot bring it back. Every document stores a <see cref="Fingerprint"/> of what
/// it was built from, version left out, so that writing a listing whose indexed content would not change (a change of
/// stock only, say) can be skipped.
/// </summary>
internal static class LuceneIndexSchema
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string KindListing = "listing";
    public const string KindTombstone = "tombstone";
    public const string Version = "version";
    public const string Fingerprint = "fingerprint";
    public const string Created = "created";
    public const string TitleJson = "title.json";
    public const string DescriptionJson = "description.json";
    public const string StoredMarket = "s.market";
    public const string StoredMerchant = "s.merchant";
    public const string StoredPrice = "s.price";
    public const string StoredCurrency = "s.currency";
    public const string StoredUnit = "s.unit";
    public const string StoredImage = "s.image";
    public const string StoredCategory = "s.category";

    public const string TitleZh = "title.zh";
    public const string TitleEn = "title.en";
    public const string DescriptionZh = "description.zh";
    public const string DescriptionEn = "description.en";
    public const string KeywordsText = "keywords.text";
    public const string Codes = "codes";

    public static string TermField(string field) => "t." + field;

    public static string NumberField(string field) => "n." + field;

    /// <summary>The analyzer per text field; exact fields are not analyzed.</summary>
    public static Analyzer CreateAnalyzer()
    {
        var chinese = new ChineseTextAnalyzer();
        var english = TextAnalysis.English();
        return new PerFieldAnalyzerWrapper(english, new Dictionary<string, Analyzer>
        {
            [TitleZh] = chinese,
            [DescriptionZh] = chinese,
            [KeywordsText] = chinese,
            [TitleEn] = english,
            [DescriptionEn] = english,
            [Codes] = new CodeAnalyzer(),
        });
    }

    public static Document Tombstone(Guid listingId, long version)
    {
        var document = new Document
        {
            new StringField(Id, IdText(listingId), Field.Store.YES),
            new StringField(Kind, KindTombstone, Field.Store.NO),
            new StoredField(Version, version),
            new StoredField(Fingerprint, KindTombstone),
        };
        return document;
    }

    /// <summary>
    /// What a listing document is built from, its version left out: equal fingerprints make equal documents. A
    /// tombstone's fingerprint is <see cref="KindTombstone"/>.
    /// </summary>
    public static string FingerprintOf(SearchDocument source, string categoryPath)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new { document = source with { Version = 0 }, categoryPath });
        return Convert.ToBase64String(SHA256.HashData(content));
    }

    public static Document Build(SearchDocument source, string categoryPath, string fingerprint)
    {
        var id = IdText(source.ListingId);
        var document = new Document
        {
            new StringField(Id, id, Field.Store.YES),
            new SortedDocValuesField(Id, new BytesRef(id)),
            new StringField(Kind, KindListing, Field.Store.NO),
            new StoredField(Version, source.Version),
            new StoredField(Fingerprint, fingerprint),
            new NumericDocValuesField(Created, source.CreatedAt.UtcTicks),
            new StoredField(Created, source.CreatedAt.UtcTicks),
            new StoredField(TitleJson, JsonSerializer.Serialize(source.Title)),
            new StoredField(StoredMarket, source.MarketId),
            new StoredField(StoredMerchant, source.MerchantId),
            new StoredField(StoredPrice, source.PriceMinor),
            new StoredField(StoredCurrency, source.Currency),
            new StoredField(StoredUnit, source.Unit),
            new StoredField(StoredCategory, categoryPath),
        };
        if (source.Description is { Count: > 0 } description)
        {
            document.Add(new StoredField(DescriptionJson, JsonSerializer.Serialize(description)));
        }

        if (source.ImageUrl is { } image)
        {
            document.Add(new StoredField(StoredImage, image));
        }

        AddText(document, source.Title, TitleZh, TitleEn);
        if (source.Description is not null)
        {
            AddText(document, source.Description, DescriptionZh, DescriptionEn);
        }

        if (!string.IsNullOrWhiteSpace(source.Keywords))
        {
            document.Add(new TextField(KeywordsText, source.Keywords, Field.Store.NO));
            document.Add(new TextField(Codes, source.Keywords, Field.Store.NO));
        }

        // Titles also go to the code field so a model number in a title ("T30S") matches exactly.
        foreach (var title in source.Title.Values)
        {
            document.Add(new TextField(Codes, title, Field.Store.NO));
        }

        foreach (var (field, values) in source.Terms)
        {
            var name = TermField(field);
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                document.Add(new StringField(name, value, Field.Store.NO));
                document.Add(new SortedSetDocValuesField(name, new BytesRef(value)));
            }
        }

        foreach (var (field, value) in source.Numbers)
        {
            var name = NumberField(field);
            document.Add(new Int64Field(name, value, Field.Store.NO));
            document.Add(new NumericDocValuesField(name, value));
        }

        return document;
    }

    public static string IdText(Guid id) => id.ToString("D");

    public static LocalizedText? ReadText(string? json)
        => json is null ? null : JsonSerializer.Deserialize<LocalizedText>(json);

    private static void AddText(Document document, LocalizedText text, string zhField, string enField)
    {
        // Chinese cultures go through SmartCn, every other language through the standard analyzer.
        foreach (var (culture, value) in text)
        {
            var chinese = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
            document.Add(new TextField(chinese ? zhField : enField, value, Field.Store.NO));
        }
    }
}
