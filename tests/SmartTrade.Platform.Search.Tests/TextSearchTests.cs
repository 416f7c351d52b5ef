using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Tests.IndexFolder;

namespace SmartTrade.Platform.Search.Tests;

public sealed class TextSearchTests : IAsyncLifetime
{
    private readonly IndexFolder _index = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _index.DisposeAsync().AsTask();

    [Fact]
    public async Task Chinese_word_finds_a_kettle_in_a_longer_title()
    {
        var kettle = Listing("美的全钢电水壶 1.7L", "Midea steel electric kettle 1.7L");
        await _index.IndexAsync(kettle, Listing("苏泊尔电饭煲 4L", "Supor rice cooker 4L", brand: "supor"));

        var result = await _index.FindAsync("电水壶");

        Assert.Equal([kettle.Id], result.Hits.Select(h => h.ListingId));
        Assert.Equal(1, result.Total);
    }

    [Fact]
    public async Task English_word_finds_the_English_title()
    {
        var kettle = Listing("全钢电水壶", "Stainless electric kettle");
        await _index.IndexAsync(kettle, Listing("电饭煲", "Rice cooker"));

        var result = await _index.FindAsync("Kettle");

        Assert.Equal([kettle.Id], result.Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task Model_code_is_found_exactly()
    {
        var t30s = Listing("电水壶", model: "T30S");
        var t30 = Listing("电水壶", model: "T30");
        var mk = Listing("电水壶", model: "MK-1720");
        await _index.IndexAsync(t30s, t30, mk);

        Assert.Equal([t30s.Id], (await _index.FindAsync("t30s")).Hits.Select(h => h.ListingId));
        Assert.Equal([mk.Id], (await _index.FindAsync("MK-1720")).Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task Grade_code_with_a_space_is_found_and_not_stemmed()
    {
        var abs = Listing("ABS 0215A 注塑级", model: "ABS 0215A");
        var other = Listing("PP 1120 注塑级", model: "PP 1120");
        await _index.IndexAsync(abs, other);

        Assert.Equal([abs.Id], (await _index.FindAsync("0215A")).Hits.Select(h => h.ListingId));
        Assert.Equal([abs.Id], (await _index.FindAsync("ABS 0215A")).Hits.Select(h => h.ListingId));
        Assert.Empty((await _index.FindAsync("ab")).Hits);
    }

    [Fact]
    public async Task Title_matches_rank_above_description_matches()
    {
        var inDescription = Listing("电饭煲", descriptionZh: "附赠一个小电水壶");
        var inTitle = Listing("电水壶", descriptionZh: "不锈钢");
        await _index.IndexAsync(inDescription, inTitle);

        var result = await _index.FindAsync("电水壶");

        Assert.Equal([inTitle.Id, inDescription.Id], result.Hits.Select(h => h.ListingId));
    }

    [Fact]
    public async Task Query_syntax_in_user_text_never_throws()
    {
        await _index.IndexAsync(Listing("电水壶", "kettle"));

        foreach (var text in new[] { "kettle AND (", "\"unclosed", "*:*", "title:[a TO", "~!^\\/", "+-&&||" })
        {
            var result = await _index.FindAsync(text);
            Assert.NotNull(result);
        }
    }

    [Fact]
    public async Task Blank_text_matches_every_listing()
    {
        await _index.IndexAsync(Listing("电水壶"), Listing("电饭煲"));

        Assert.Equal(2, (await _index.FindAsync("   ")).Total);
        Assert.Equal(2, (await _index.FindAsync(null)).Total);
    }

    [Fact]
    public async Task Culture_en_returns_English_titles_and_falls_back_to_Chinese()
    {
        var both = Listing("全钢电水壶", "Steel kettle", minutes: 1);
        var chineseOnly = Listing("电饭煲", minutes: 0);
        await _index.IndexAsync(both, chineseOnly);

        var result = await _index.FindAsync(null, q => q with { Culture = "en" });

        Assert.Equal(["Steel kettle", "电饭煲"], result.Hits.Select(h => h.Title));
        Assert.Equal("全钢电水壶", (await _index.FindAsync(null)).Hits[0].Title);
    }

    [Fact]
    public async Task Snippet_marks_matches_and_escapes_the_rest()
    {
        await _index.IndexAsync(Listing("电水壶 <script>alert(1)</script>", "Kettle <script>alert(1)</script>"));

        var zh = (await _index.FindAsync("电水壶")).Hits.Single().Snippet!;
        var en = (await _index.FindAsync("kettle", q => q with { Culture = "en" })).Hits.Single().Snippet!;

        Assert.Contains("<em>", zh);
        Assert.Contains("<em>Kettle</em>", en);
        Assert.DoesNotContain("<script>", en);
        Assert.Contains("&lt;script&gt;", en);
        Assert.DoesNotContain("<script>", zh);
    }

    [Fact]
    public async Task Snippet_keeps_chinese_text_as_characters_not_numeric_references()
    {
        await _index.IndexAsync(Listing("余姚 全钢电水壶 & 保温", "Kettle"));

        var zh = (await _index.FindAsync("电水壶")).Hits.Single().Snippet!;

        Assert.Contains("余姚", zh);
        Assert.Contains("水壶</em>", zh);
        Assert.Contains("&amp;", zh);
        Assert.DoesNotContain("&#", zh);
    }

    [Fact]
    public async Task Hit_carries_what_a_result_list_shows()
    {
        var kettle = Listing("电水壶", "Kettle", price: 12900, merchant: "shop-7");
        await _index.IndexAsync(kettle);

        var hit = (await _index.FindAsync("电水壶")).Hits.Single();

        Assert.Equal(kettle.Id, hit.ListingId);
        Assert.Equal("appliances", hit.MarketId);
        Assert.Equal("shop-7", hit.MerchantId);
        Assert.Equal(12900, hit.Price.Minor);
        Assert.Equal("CNY", hit.Price.Currency);
        Assert.Equal("piece", hit.Unit);
        Assert.Equal("kitchen/kettle", hit.CategoryPath);
        Assert.Equal(1, hit.Rank);
    }
}
