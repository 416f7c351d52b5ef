using AngleSharp.Html.Parser;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Agri.AgriSteps;

namespace SmartTrade.Host.Tests.Agri;

/// <summary>The market's landing page.</summary>
public sealed class AgriHomeTests(AgriMarketHost shared) : IClassFixture<AgriMarketHost>
{
    [Fact]
    public async Task Produce_in_season_sold_by_two_producers_under_one_name_says_whose_each_card_is()
    {
        var title = $"新米 秀水粳稻 {Guid.NewGuid():N}"[..20];
        var hemudu = await shared.NewAccountAsync(Roles.Merchant);
        var liangnong = await shared.NewAccountAsync(Roles.Merchant);
        var first = await ListProduceAsync(hemudu, title, 1_200, producer: "余姚市河姆渡稻米合作社", seasonMonth: "11");
        var second = await ListProduceAsync(liangnong, title, 1_150, producer: "余姚市梁弄生态农场", seasonMonth: "11");
        await RecordBatchAsync(hemudu, first, kg: 100);
        await RecordBatchAsync(liangnong, second, kg: 100);
        await DrainAsync(shared.Host);

        var page = new HtmlParser().ParseDocument(await shared.Host.CreateClient().GetStringAsync("/agri"));
        var cards = page.QuerySelectorAll(".agri-cards li")
            .Where(li => li.QuerySelector("a")!.TextContent == title)
            .ToDictionary(li => li.QuerySelector("a")!.GetAttribute("href")!, li => li.QuerySelector(".producer")?.TextContent);

        Assert.Equal(2, cards.Count);
        Assert.Equal("余姚市河姆渡稻米合作社", cards[$"/listings/{first}"]);
        Assert.Equal("余姚市梁弄生态农场", cards[$"/listings/{second}"]);
    }
}
