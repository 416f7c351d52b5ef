using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Appliances.ApplianceTrade;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests.Appliances;

/// <summary>
/// Wholesale tiers of appliance listings: the cart and the order price a line by the largest break it reaches, a line
/// below the listing's minimum order quantity is refused, and only the listing's merchant sets valid breaks.
/// </summary>
public sealed class WholesaleTierTests(ApplianceMarketHost shared) : IClassFixture<ApplianceMarketHost>
{
    [Fact]
    public async Task The_cart_prices_a_line_by_the_break_it_reaches_at_each_boundary()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListAsync(merchant, "阶梯价电水壶", 10_000, stock: 1_000);
        Assert.Equal(HttpStatusCode.OK, (await PutTiersAsync(merchant, kettle, (10, 9_500), (100, 9_000), (500, 8_500))).StatusCode);

        var prices = new Dictionary<long, long>();
        foreach (var quantity in new long[] { 1, 9, 10, 99, 100, 499, 500, 1_000 })
        {
            await SetLineAsync(buyer, kettle, quantity);
            var line = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]![0]!;
            prices[quantity] = line["unitPriceMinor"]!.GetValue<long>();
        }

        Assert.Equal(
            new Dictionary<long, long> { [1] = 10_000, [9] = 10_000, [10] = 9_500, [99] = 9_500, [100] = 9_000, [499] = 9_000, [500] = 8_500, [1_000] = 8_500 },
            prices);
    }

    [Fact]
    public async Task An_order_keeps_the_tier_price_of_its_quantity()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListAsync(merchant, "阶梯价电水壶", 10_000, stock: 1_000);
        await PutTiersAsync(merchant, kettle, (10, 9_500), (100, 9_000));

        var below = await BuyAsync(buyer, kettle, 99);
        var at = await BuyAsync(buyer, kettle, 100);

        Assert.Equal(9_500, below["lines"]![0]!["unitPrice"]!["minor"]!.GetValue<long>());
        Assert.Equal(9_500 * 99, below["total"]!["minor"]!.GetValue<long>());
        Assert.Equal(9_000, at["lines"]![0]!["unitPrice"]!["minor"]!.GetValue<long>());
        Assert.Equal(900_000, at["total"]!["minor"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_line_below_the_minimum_order_quantity_stays_out_of_the_cart()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var fan = await ListAsync(merchant, "批发落地扇", 9_900, stock: 5_000, "climate/fan", new() { ["minimumOrderQuantity"] = 100 });

        var refused = await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{fan}", new { quantity = 99 });
        var type = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        var emptyCart = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray().Count;
        await SetLineAsync(buyer, fan, 100);

        Assert.Equal("/problems/appliances/below-minimum-order", type);
        Assert.Equal(0, emptyCart);
        Assert.Single((await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray());
    }

    [Fact]
    public async Task The_product_api_shows_the_schedule_smallest_break_first()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var kettle = await ListAsync(merchant, "电水壶", 10_000, stock: 10, attributes: new() { ["minimumOrderQuantity"] = 2 });
        await PutTiersAsync(merchant, kettle, (100, 9_000), (10, 9_500));

        var product = (await host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/appliances/listings/{kettle}"))!;
        var tiers = product["schedule"]!["tiers"]!.AsArray();

        Assert.Equal(2, product["schedule"]!["minimumOrderQuantity"]!.GetValue<long>());
        Assert.Equal([10L, 100L], tiers.Select(t => t!["minQuantity"]!.GetValue<long>()));
        Assert.Equal(10_000, product["schedule"]!["retailPriceMinor"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("pieces", 10L, 9_500L, "/problems/appliances/wrong-unit")]
    [InlineData("piece", 0L, 9_500L, "/problems/appliances/invalid-quantity")]
    [InlineData("piece", -5L, 9_500L, "/problems/appliances/invalid-quantity")]
    [InlineData("piece", 1L, 9_500L, "/problems/appliances/invalid-tiers")]
    [InlineData("piece", 10L, 10_000L, "/problems/appliances/invalid-price")]
    [InlineData("piece", 10L, 0L, "/problems/appliances/invalid-price")]
    public async Task Bad_breaks_are_refused_with_their_problem_and_keep_the_old_ones(string unit, long minQuantity, long price, string problem)
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var kettle = await ListAsync(merchant, "电水壶", 10_000, stock: 10);
        await PutTiersAsync(merchant, kettle, (50, 9_000));

        var response = await merchant.PutAsJsonAsync($"/api/v1/appliances/listings/{kettle}/tiers", new { unit, tiers = new[] { new { minQuantity, unitPriceMinor = price } } });

        Assert.Equal(problem, await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(50, (await TiersAsync(merchant, kettle)).Single()!["minQuantity"]!.GetValue<long>());
    }

    [Fact]
    public async Task Breaks_that_get_dearer_with_quantity_are_refused()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var kettle = await ListAsync(merchant, "电水壶", 10_000, stock: 10);

        var response = await PutTiersAsync(merchant, kettle, (10, 9_000), (100, 9_500));

        Assert.Equal("/problems/appliances/invalid-tiers", await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty(await TiersAsync(merchant, kettle));
    }

    [Fact]
    public async Task A_merchant_cannot_set_the_breaks_of_another_merchants_listing()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var other = await shared.NewAccountAsync(Roles.Merchant);
        var kettle = await ListAsync(merchant, "电水壶", 10_000, stock: 10);

        var response = await PutTiersAsync(other, kettle, (10, 5_000));

        Assert.Equal("/problems/appliances/not-your-listing", await ProblemAsync(response, HttpStatusCode.Forbidden));
        Assert.Empty(await TiersAsync(merchant, kettle));
    }
}
