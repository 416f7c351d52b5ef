using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Search.Tests;

/// <summary>A real Lucene index in a temporary folder, removed afterwards.</summary>
public sealed class IndexFolder : IAsyncDisposable
{
    public static readonly MarketDescriptor Appliances = new()
    {
        Id = "appliances",
        Names = new LocalizedText("小家电", "Small appliances"),
        Categories =
        [
            new CategoryDefinition
            {
                Code = "kitchen",
                Names = new LocalizedText("厨房电器", "Kitchen"),
                Children = [new CategoryDefinition { Code = "kettle", Names = new LocalizedText("电水壶", "Kettles") }],
            },
        ],
        Attributes =
        [
            new AttributeDefinition { Key = "brand", Names = new LocalizedText("品牌", "Brand"), Type = AttributeType.Keyword, Searchable = true },
            new AttributeDefinition { Key = "model", Names = new LocalizedText("型号", "Model"), Type = AttributeType.Keyword, Searchable = true },
            new AttributeDefinition { Key = "powerWatts", Names = new LocalizedText("功率", "Power"), Type = AttributeType.Integer, Unit = "W" },
            new AttributeDefinition
            {
                Key = "certification",
                Names = new LocalizedText("认证", "Certification"),
                Type = AttributeType.MultiChoice,
                AllowedValues = [new AllowedValue("CCC", new LocalizedText("3C认证", "CCC")), new AllowedValue("CE", new LocalizedText("欧盟CE", "CE mark"))],
            },
        ],
        Facets =
        [
            new FacetDefinition { Field = "brand", Names = new LocalizedText("品牌", "Brand") },
            new FacetDefinition
            {
                Field = "price",
                Names = new LocalizedText("价格", "Price"),
                Kind = FacetKind.Range,
                Ranges =
                [
                    new FacetRange("0-100", null, 10000, new LocalizedText("100元以下", "Under 100")),
                    new FacetRange("100-200", 10000, 20000, new LocalizedText("100-200元", "100-200")),
                    new FacetRange("200-", 20000, null, new LocalizedText("200元以上", "200 and more")),
                ],
            },
        ],
    };

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IndexFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smarttrade-search-" + Guid.NewGuid().ToString("N"));
        Search = Open();
    }

    public string Path { get; }

    public LuceneCatalogSearch Search { get; private set; }

    public LuceneCatalogSearch Open() => new(new LuceneSearchOptions { IndexDirectory = Path }, new FixedMarketSchemas(Appliances));

    public async Task ReopenAsync()
    {
        await Search.DisposeAsync();
        Search = Open();
    }

    public static Listing Listing(
        string zh,
        string? en = null,
        long price = 10000,
        string brand = "midea",
        string? model = null,
        string? descriptionZh = null,
        string? descriptionEn = null,
        long version = 1,
        int minutes = 0,
        Guid? id = null,
        string merchant = "m1",
        ListingStatus status = ListingStatus.Active,
        string category = "kitchen/kettle",
        string[]? certification = null)
    {
        var attributes = new Dictionary<string, AttributeValue> { ["brand"] = AttributeValue.Keyword(brand) };
        if (model is not null)
        {
            attributes["model"] = AttributeValue.Keyword(model);
        }

        if (certification is not null)
        {
            attributes["certification"] = AttributeValue.MultiChoice(certification);
        }

        return new Listing
        {
            Id = id ?? Guid.NewGuid(),
            MarketId = Appliances.Id,
            MerchantId = merchant,
            Title = en is null ? new LocalizedText([new("zh-CN", zh)]) : new LocalizedText(zh, en),
            Description = descriptionZh is null && descriptionEn is null
                ? null
                : new LocalizedText([new("zh-CN", descriptionZh ?? string.Empty), new("en", descriptionEn ?? string.Empty)]),
            CategoryPath = category,
            Price = Money.FromFen(price),
            Unit = "piece",
            Stock = 10,
            Attributes = attributes,
            Status = status,
            Version = version,
            CreatedAt = Start.AddMinutes(minutes),
            UpdatedAt = Start.AddMinutes(minutes),
        };
    }

    public Task IndexAsync(params Listing[] listings) => Search.IndexAsync(listings);

    /// <summary>The generation of the index's last commit: it grows by one with each commit.</summary>
    public long CommitGeneration()
    {
        using var directory = global::Lucene.Net.Store.FSDirectory.Open(Path);
        return global::Lucene.Net.Index.SegmentInfos.GetLastCommitGeneration(directory);
    }

    public Task<SearchResult> FindAsync(string? text, Func<SearchQuery, SearchQuery>? shape = null)
    {
        var query = new SearchQuery { Text = text };
        return Search.SearchAsync(shape is null ? query : shape(query));
    }

    public async ValueTask DisposeAsync()
    {
        await Search.DisposeAsync();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
