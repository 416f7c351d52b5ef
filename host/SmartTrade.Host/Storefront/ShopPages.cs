using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Payments;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Problems;
using SmartTrade.Host.Storefront.Components.Pages;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Markets;
using SmartTrade.Platform.Orders;
using SmartTrade.Platform.Search;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.RateLimiting;
using SmartTrade.Sdk.Search;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;

namespace SmartTrade.Host.Storefront;

/// <summary>The buyer's side of the storefront: home, search, listing, cart, checkout, orders and paying.</summary>
public static class ShopPages
{
    public sealed class CardForm
    {
        public string? CardNumber { get; set; }

        public int ExpMonth { get; set; }

        public int ExpYear { get; set; }

        public string? Cvc { get; set; }

        public string? HolderName { get; set; }
    }

    private static readonly LocalizedText HomeTitle = new("首页", "Home");
    private static readonly LocalizedText SearchTitle = new("搜索", "Search");
    private static readonly LocalizedText CartTitle = new("购物车", "Cart");
    private static readonly LocalizedText OrdersTitle = new("我的订单", "My orders");

    internal static void MapShopPages(this WebApplication app)
    {
        var shop = app.MapGroup("/").ExcludeFromDescription();
        shop.MapGet("/", HomeAsync).WithNavigation(new NavigationEntry("/", HomeTitle, Order: 0));
        shop.MapGet("/search", SearchAsync).WithNavigation(new NavigationEntry("/search", new LocalizedText("全部商品", "All goods"), Order: 10));
        shop.MapGet("/listings/{id:guid}", ListingAsync);

        var buyer = app.MapGroup("/").ExcludeFromDescription().RequireAuthorization(Roles.Buyer);
        buyer.MapGet("/cart", CartAsync).WithNavigation(new NavigationEntry("/cart", CartTitle, NavigationArea.Account, 10, Roles.Buyer));
        buyer.MapPost("/cart/lines", AddToCartAsync).RequireFormToken();
        buyer.MapPost("/cart/lines/{listingId:guid}", SetCartLineAsync).RequireFormToken();
        buyer.MapPost("/checkout", CheckoutAsync).RequireFormToken().WithRateLimit(RateLimitPolicies.Orders);
        buyer.MapGet("/orders", OrdersAsync).WithNavigation(new NavigationEntry("/orders", OrdersTitle, NavigationArea.Account, 20, Roles.Buyer));
        buyer.MapGet("/orders/{id:guid}", OrderAsync);
        buyer.MapPost("/orders/{id:guid}/pay", PayAsync).RequireFormToken();
        buyer.MapPost("/orders/{id:guid}/cancel", CancelAsync).RequireFormToken();
        buyer.MapPost("/orders/{id:guid}/confirm-receipt", ConfirmReceiptAsync).RequireFormToken();
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<IResult> HomeAsync(MarketDirectory markets, ICatalogSearch search, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var sections = new List<Home.MarketSection>();
        foreach (var market in markets.Enabled())
        {
            var newest = await search.SearchAsync(new SearchQuery { MarketId = market.Id, Sort = SearchSort.Newest, PageSize = 4, Culture = Culture() }, cancellationToken);
            sections.Add(new Home.MarketSection(market, newest.Hits, newest.Total));
        }

        return pages.Page<Home>(HomeTitle, new Dictionary<string, object?> { [nameof(Home.Markets)] = sections });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, MarketDirectory markets, ICatalogSearch search, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var (query, errors) = SearchEndpoints.Parse(request.Query, markets, Culture());
        SearchResult? result = null;
        if (query is not null)
        {
            try
            {
                result = await search.SearchAsync(query, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                errors[ex.ParamName ?? "query"] = [ex.Message];
            }
        }

        var market = request.Query["market"].ToString() is { Length: > 0 } id ? markets.Find(id) : null;
        return pages.Page<Search>(SearchTitle, new Dictionary<string, object?>
        {
            [nameof(Search.Query)] = query,
            [nameof(Search.Result)] = result,
            [nameof(Search.Market)] = market,
            [nameof(Search.Markets)] = markets.Enabled(),
            [nameof(Search.Invalid)] = errors.Count > 0,
            [nameof(Search.QueryString)] = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
        }, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ListingAsync(Guid id, ClaimsPrincipal user, ICatalog catalog, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var listing = await catalog.GetAsync(id, cancellationToken);
        var visible = listing is not null
            && (listing.Status is ListingStatus.Active or ListingStatus.SoldOut || listing.MerchantId == user.FindFirstValue(ClaimTypes.NameIdentifier));
        if (!visible || markets.Find(listing!.MarketId) is not { } market)
        {
            return NotFound(pages);
        }

        return pages.Page<ListingDetail>(listing.Title, new Dictionary<string, object?>
        {
            [nameof(ListingDetail.Listing)] = listing,
            [nameof(ListingDetail.Market)] = market,
            [nameof(ListingDetail.Error)] = null,
        });
    }

    private static async Task<IResult> AddToCartAsync([FromForm] Guid listingId, [FromForm] long quantity, HttpRequest request, ClaimsPrincipal user, Cart cart, ICatalog catalog, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var refusal = await cart.SetLineAsync(UserId(user), listingId, quantity < 1 ? -1 : quantity, await LineChoicesAsync(request, cancellationToken), cancellationToken);
        if (refusal is null)
        {
            return Results.LocalRedirect("/cart");
        }

        var listing = await catalog.GetAsync(listingId, cancellationToken);
        if (listing is null || markets.Find(listing.MarketId) is not { } market)
        {
            return NotFound(pages);
        }

        return pages.Page<ListingDetail>(listing.Title, new Dictionary<string, object?>
        {
            [nameof(ListingDetail.Listing)] = listing,
            [nameof(ListingDetail.Market)] = market,
            [nameof(ListingDetail.Error)] = CartError(refusal, listing.Stock, UnitNames.SaleUnit(market, listing.Unit)),
        }, refusal.Status);
    }

    private static async Task<IResult> SetCartLineAsync(Guid listingId, [FromForm] long quantity, HttpRequest request, ClaimsPrincipal user, Cart cart, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var refusal = await cart.SetLineAsync(UserId(user), listingId, quantity, await LineChoicesAsync(request, cancellationToken), cancellationToken);
        return refusal is null
            ? Results.LocalRedirect("/cart")
            : await CartPageAsync(user, cart, pages, CartError(refusal, null, null), refusal.Status, cancellationToken);
    }

    /// <summary>The per-line choices a form posts as <c>choices.{key}</c> fields (a date input, a select); none when it posts none.</summary>
    private static async Task<Dictionary<string, System.Text.Json.JsonElement>?> LineChoicesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string prefix = "choices.";
        var form = await request.ReadFormAsync(cancellationToken);
        var fields = form.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Key.Length > prefix.Length).ToList();
        return fields.Count == 0
            ? null
            : fields.ToDictionary(f => f.Key[prefix.Length..], f => System.Text.Json.JsonSerializer.SerializeToElement(f.Value.ToString().Trim()), StringComparer.Ordinal);
    }

    private static Task<IResult> CartAsync(ClaimsPrincipal user, Cart cart, IStorefrontPages pages, CancellationToken cancellationToken)
        => CartPageAsync(user, cart, pages, null, StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> CartPageAsync(ClaimsPrincipal user, Cart cart, IStorefrontPages pages, string? error, int status, CancellationToken cancellationToken)
        => pages.Page<CartPage>(CartTitle, new Dictionary<string, object?>
        {
            [nameof(CartPage.Lines)] = await cart.LinesAsync(UserId(user), cancellationToken),
            [nameof(CartPage.Error)] = error,
        }, status);

    private static async Task<IResult> CheckoutAsync(ClaimsPrincipal user, Checkout checkout, Cart cart, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var (orders, refusal) = await checkout.PlaceAsync(UserId(user), cancellationToken);
        if (refusal is not null)
        {
            var error = refusal.Type switch
            {
                "/problems/cart-empty" => Ui.T("购物车是空的。", "The cart is empty."),
                var type when !HostRefusalTypes.Contains(type) => refusal.Detail,
                _ => Ui.T("有商品库存不足，请调整数量后再结算。", "Something in the cart is no longer in stock in that quantity; change it and check out again."),
            };
            return await CartPageAsync(user, cart, pages, error, refusal.Status, cancellationToken);
        }

        return Results.LocalRedirect(orders!.Count == 1 ? $"/orders/{orders[0].Id}" : "/orders");
    }

    private static async Task<IResult> OrdersAsync(ClaimsPrincipal user, PlatformDbContext db, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var orders = await db.Set<OrderEntity>().AsNoTracking().Include(o => o.Lines)
            .Where(o => o.BuyerId == me).OrderByDescending(o => o.Id).Take(100).ToListAsync(cancellationToken);
        return pages.Page<OrdersPage>(OrdersTitle, new Dictionary<string, object?> { [nameof(OrdersPage.Orders)] = orders.Select(o => o.ToOrder()).ToList() });
    }

    private static async Task<IResult> OrderAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, IPaymentGatewayRegistry gateways, IStorefrontPages pages, CancellationToken cancellationToken)
        => await OrderPageAsync(id, user, db, pages, gateways, null, null, StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> OrderPageAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, IStorefrontPages pages, IPaymentGatewayRegistry gateways, string? error, CardForm? card, int status, CancellationToken cancellationToken, OrderDetail.StripeStep? stripe = null)
    {
        var gatewayId = gateways.Default.Id;
        var order = await OrderEndpoints.FindVisibleAsync(id, user, db, tracking: false, cancellationToken);
        if (order is null || order.BuyerId != UserId(user))
        {
            return NotFound(pages);
        }

        return pages.Page<OrderDetail>(new LocalizedText($"订单 {order.Number}", $"Order {order.Number}"), new Dictionary<string, object?>
        {
            [nameof(OrderDetail.Order)] = order.ToOrder(),
            [nameof(OrderDetail.Error)] = error,
            [nameof(OrderDetail.Card)] = card ?? new CardForm(),
            [nameof(OrderDetail.Stripe)] = stripe,
            [nameof(OrderDetail.GatewayId)] = gatewayId,
        }, status);
    }

    private static async Task<IResult> PayAsync(
        Guid id, [FromForm] CardForm? card, ClaimsPrincipal user, OrderPayment payment, IPaymentGatewayRegistry gateways,
        IOptions<StripePaymentOptions> stripeOptions, PlatformDbContext db, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        card ??= new CardForm(); // Stripe's step posts no card fields
        var outcome = await payment.PayAsync(UserId(user), id, gatewayId: null, new OrderPayments.CardInput(card.CardNumber, card.ExpMonth, card.ExpYear, card.Cvc, card.HolderName), cancellationToken);
        if (outcome.Refusal is null)
        {
            // Stripe takes the card in the browser: the order page mounts Stripe's Payment Element with the intent's
            // client secret; Stripe returns the buyer to the order page, and its webhook marks the order paid.
            if (gateways.Default.Id == PaymentGatewayIds.Stripe && outcome.Payment is { Status: not PaymentStatus.Succeeded, ClientSecret: { Length: > 0 } secret })
            {
                return await OrderPageAsync(id, user, db, pages, gateways, null, null, StatusCodes.Status200OK, cancellationToken,
                    new OrderDetail.StripeStep(stripeOptions.Value.PublishableKey, secret));
            }
            return Results.LocalRedirect($"/orders/{id}");
        }

        var error = outcome.Refusal switch
        {
            { Status: 402 } => Ui.T("银行卡被拒绝，订单仍待付款，请换一张卡再试。", "The card was declined. The order is still awaiting payment; try another card."),
            { Status: 400 } or { Type: "/problems/payments/invalid-card" } => Ui.T("请检查卡号、有效期和安全码。", "Check the card number, expiry date and security code."),
            { Status: 409 } => Ui.T("这个订单现在不能付款（可能已付款或已取消）。", "This order cannot be paid now (it may be paid or cancelled already)."),
            { Status: 404 } => null,
            _ => Ui.T("付款没有完成：", "The payment did not go through: ") + outcome.Refusal.Detail,
        };
        if (error is null)
        {
            return NotFound(pages);
        }

        card.CardNumber = null;
        card.Cvc = null;
        return await OrderPageAsync(id, user, db, pages, gateways, error, card, outcome.Refusal.Status == 402 ? 402 : 422, cancellationToken);
    }

    private static async Task<IResult> CancelAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, OrderLifecycle lifecycle, IPaymentGatewayRegistry gateways, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var order = await OrderEndpoints.FindVisibleAsync(id, user, db, tracking: true, cancellationToken);
        if (order is null || order.BuyerId != UserId(user))
        {
            return NotFound(pages);
        }

        var refusal = await lifecycle.CancelAsync(order, OrderCancellationReasons.Buyer, cancellationToken);
        return refusal is null
            ? Results.LocalRedirect($"/orders/{id}")
            : await OrderPageAsync(id, user, db, pages, gateways, Ui.T("这个订单不能取消。", "This order cannot be cancelled."), null, StatusCodes.Status409Conflict, cancellationToken);
    }

    private static async Task<IResult> ConfirmReceiptAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, OrderLifecycle lifecycle, IPaymentGatewayRegistry gateways, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var order = await OrderEndpoints.FindVisibleAsync(id, user, db, tracking: true, cancellationToken);
        if (order is null || order.BuyerId != UserId(user))
        {
            return NotFound(pages);
        }

        return await lifecycle.ConfirmReceiptAsync(order, cancellationToken)
            ? Results.LocalRedirect($"/orders/{id}")
            : await OrderPageAsync(id, user, db, pages, gateways, Ui.T("这个订单还不能确认收货。", "Receipt of this order cannot be confirmed yet."), null, StatusCodes.Status409Conflict, cancellationToken);
    }

    private static string CartError(Platform.Orders.OrderRefusal refusal, long? stock, string? unit) => refusal switch
    {
        // A market's own rule (its line policy): its words, in the buyer's language.
        { Type: var type } when !HostRefusalTypes.Contains(type) => refusal.Detail,
        { Field: { } field } => Ui.T($"请检查所填的选项（{field}）。", $"Check the choice you made ({field})."),
        { Status: 400 } => Ui.T("数量须为 1 到 1,000,000 之间的整数。", "The quantity is a whole number from 1 to 1,000,000."),
        { Status: 404 } => Ui.T("这个商品现在不出售。", "This item is not for sale now."),
        { Status: 422 } => Ui.T("不能购买自己的商品。", "You cannot buy your own listing."),
        { Status: 409 } when stock is not null => Ui.T($"库存只有 {stock} {unit}。", $"Only {stock} {unit} in stock."),
        { Status: 409 } => Ui.T("库存不足。", "Not enough in stock."),
        _ => refusal.Detail,
    };

    private static readonly HashSet<string> HostRefusalTypes = [ProblemTypes.Validation, ProblemTypes.NotFound, ProblemTypes.BusinessRule, Checkout.OutOfStockType, "/problems/cart-empty"];

    internal static IResult NotFound(IStorefrontPages pages) => pages.Message(
        StatusCodes.Status404NotFound,
        new LocalizedText("找不到页面", "Page not found"),
        new LocalizedText("您要找的内容不存在或已下架。", "What you are looking for does not exist or is no longer listed."));

    internal static string Culture() => Ui.IsEnglish ? LocalizedText.English : LocalizedText.DefaultCulture;
}
