using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using SmartTrade.Storefront.E2E.Steps;
using static Microsoft.Playwright.Assertions;
using static SmartTrade.Storefront.E2E.Steps.BrowserSteps;

namespace SmartTrade.Storefront.E2E;

/// <summary>Selling and buying a kettle end to end, in zh-CN.</summary>
public sealed class BuyingTests(StorefrontFixture fixture) : StorefrontTest(fixture)
{
    [BrowserFact]
    public Task A_new_merchant_lists_a_kettle_a_new_buyer_finds_it_by_Chinese_text_and_a_facet_pays_by_card_and_sees_it_paid_then_shipped()
        => InBrowserAsync(async session =>
        {
            // A merchant registers in the browser and lists a kettle with a photo.
            var merchantPage = await session.NewPageAsync();
            var merchant = NewEmail("merchant");
            await RegisterAsync(merchantPage, Role.Merchant, merchant, "余姚四明小家电");
            var kettle = new Kettle("四明 304不锈钢电热水壶 1.7升", "Siming 304 stainless steel electric kettle, 1.7 L", "Siming", 12_900, 20);
            await MerchantSteps.MerchantListsKettleInBrowserAsync(merchantPage, kettle);
            await Fixture.SearchCaughtUpAsync();

            // A buyer registers, searches in Chinese, narrows to the market and to the brand.
            var buyer = await session.NewPageAsync();
            await RegisterAsync(buyer, Role.Buyer, NewEmail("buyer"), "王小明");
            await buyer.GetByRole(AriaRole.Searchbox, new() { Name = "搜索商品" }).FillAsync("电热水壶");
            await buyer.GetByRole(AriaRole.Searchbox, new() { Name = "搜索商品" }).PressAsync("Enter");
            await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "全部商品", Level = 1 })).ToBeVisibleAsync();
            await Expect(buyer.GetByRole(AriaRole.Link, new() { Name = kettle.TitleZh })).ToBeVisibleAsync();

            await buyer.GetByLabel("市场").SelectOptionAsync(new SelectOptionValue { Label = "小家电市场" });
            await buyer.Locator("form.search-form").GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
            await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "小家电市场", Level = 1 })).ToBeVisibleAsync();
            await Expect(buyer.GetByLabel("关键词")).ToHaveValueAsync("电热水壶");
            var brands = buyer.Locator("section.facet", new() { Has = buyer.GetByRole(AriaRole.Heading, new() { Name = "品牌", Exact = true }) });
            var otherBrands = brands.GetByRole(AriaRole.Link).Filter(new() { HasNotText = kettle.Brand });
            await Expect(otherBrands.First).ToBeVisibleAsync(); // the demo makers' kettles match too
            await brands.GetByRole(AriaRole.Link, new() { Name = kettle.Brand }).ClickAsync();
            await Expect(brands.GetByRole(AriaRole.Link, new() { Name = kettle.Brand })).ToHaveAttributeAsync("aria-current", "true");
            await Expect(buyer.Locator(".results .total")).ToHaveTextAsync("共 1 件");

            // The listing, with its photo and specifications.
            await buyer.Locator(".results").GetByRole(AriaRole.Link, new() { Name = kettle.TitleZh }).ClickAsync();
            await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = kettle.TitleZh, Level = 1 })).ToBeVisibleAsync();
            await Expect(buyer.GetByRole(AriaRole.Img, new() { Name = kettle.TitleZh })).ToHaveJSPropertyAsync("naturalWidth", 480);
            await Expect(buyer.Locator("table.specs tr", new() { HasText = "品牌" })).ToContainTextAsync(kettle.Brand);
            await Expect(buyer.Locator(".listing-detail .price")).ToContainTextAsync("¥129.00");

            // Cart, checkout, Sandbox card: the order is paid.
            var orderId = await AddToCartAndCheckOutAsync(buyer, kettle.TitleZh, 2);
            await Expect(buyer.Locator("table.order-lines tfoot")).ToContainTextAsync("¥258.00");
            await PayAsync(buyer, GoodCard);
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("已付款");
            await Expect(buyer.Locator("form.card-form")).ToHaveCountAsync(0);

            // The merchant ships it; the buyer's open order page follows by itself (Server-Sent Events).
            await MerchantSteps.MerchantShipsInBrowserAsync(merchantPage, orderId, "SF1234567890", "顺丰速运");
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("已发货");
            await Expect(buyer.GetByText("物流单号：")).ToContainTextAsync("SF1234567890");
            await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "确认收货" })).ToBeVisibleAsync();

            // The buyer's order list agrees.
            await buyer.GetByRole(AriaRole.Link, new() { Name = "我的订单" }).ClickAsync();
            await Expect(buyer.Locator("table.orders tbody tr", new() { HasText = kettle.TitleZh }).Locator(".status")).ToHaveTextAsync("已发货");
        });

    [BrowserFact]
    public Task A_declined_card_says_so_in_the_buyers_language_and_leaves_the_order_payable_until_a_good_card_pays_it()
        => InBrowserAsync(async session =>
        {
            var kettle = new Kettle("龙山 双层防烫电热水壶 1.5升", "Longshan double-wall electric kettle, 1.5 L", "Longshan", 9_900, 10);
            var listing = await MerchantSteps.MerchantListsKettleAsync(Fixture, "merchant@smarttrade.demo", kettle);

            var buyer = await session.NewPageAsync();
            await RegisterAsync(buyer, Role.Buyer, NewEmail("buyer"), "李小红");
            await buyer.GotoAsync($"/listings/{listing}");
            await AddToCartAndCheckOutAsync(buyer, kettle.TitleZh, 1);

            // Declined, in Chinese: the order waits for payment and the form is there again, without the card number.
            await PayAsync(buyer, DeclinedCard);
            await Expect(buyer.GetByRole(AriaRole.Alert)).ToHaveTextAsync("银行卡被拒绝，订单仍待付款，请换一张卡再试。");
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("待付款");
            await Expect(buyer.GetByLabel("卡号")).ToBeEmptyAsync();

            // The same in English, after switching the language on that page.
            await buyer.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("Awaiting payment");
            await PayAsync(buyer, DeclinedCard);
            await Expect(buyer.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The card was declined. The order is still awaiting payment; try another card.");
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("Awaiting payment");

            // A good card pays it.
            await PayAsync(buyer, GoodCard);
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("Paid");
            await Expect(buyer.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        });
}
