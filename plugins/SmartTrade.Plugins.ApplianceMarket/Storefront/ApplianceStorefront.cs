using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.ApplianceMarket.Browse;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Plugins.ApplianceMarket.Pricing;
using SmartTrade.Plugins.ApplianceMarket.Quotes;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.ApplianceMarket.Storefront;

/// <summary>
/// The appliance market's storefront: <c>/appliances</c> (landing), <c>/appliances/browse</c> (facets),
/// <c>/appliances/products/{id}</c> (specifications, tiers, quote form), <c>/appliances/quotes</c> (the buyer's requests)
/// and <c>/appliances/merchant/…</c> (answering requests, managing tiers).
/// </summary>
public static class ApplianceStorefront
{
    private static readonly LocalizedText MarketTitle = new("小家电市场", "Appliance market");
    private static readonly LocalizedText BuyerQuotesTitle = new("我的询价", "My quote requests");
    private static readonly LocalizedText MerchantQuotesTitle = new("询价单", "Quote requests");
    private static readonly LocalizedText TiersTitle = new("批发阶梯价", "Wholesale prices");

    /// <summary>Maps the pages, their form posts and their menu entries.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    public static IEndpointRouteBuilder MapApplianceStorefront(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/appliances").ExcludeFromDescription();
        pages.MapGet("/", HomeAsync).WithNavigation(new NavigationEntry("/appliances", MarketTitle, Order: 40));
        pages.MapGet("/browse", BrowseAsync);
        pages.MapGet("/products/{id:guid}", ProductAsync);
        pages.MapPost("/products/{id:guid}/quote-requests", RequestAsync).RequireAuthorization(Roles.Buyer).RequireFormToken();

        pages.MapGet("/quotes", BuyerQuotesAsync).RequireAuthorization(Roles.Buyer)
            .WithNavigation(new NavigationEntry("/appliances/quotes", BuyerQuotesTitle, NavigationArea.Account, 40, Roles.Buyer));
        pages.MapPost("/quotes/{id:guid}/accept", AcceptAsync).RequireAuthorization(Roles.Buyer).RequireFormToken();
        pages.MapPost("/quotes/{id:guid}/decline", BuyerDeclineAsync).RequireAuthorization(Roles.Buyer).RequireFormToken();

        var merchant = pages.MapGroup("/merchant").RequireAuthorization(Roles.Merchant);
        merchant.MapGet("/quotes", MerchantQuotesAsync)
            .WithNavigation(new NavigationEntry("/appliances/merchant/quotes", MerchantQuotesTitle, NavigationArea.Merchant, 40, Roles.Merchant));
        merchant.MapPost("/quotes/{id:guid}/quote", QuoteAsync).RequireFormToken();
        merchant.MapPost("/quotes/{id:guid}/decline", MerchantDeclineAsync).RequireFormToken();
        merchant.MapGet("/tiers", TiersAsync)
            .WithNavigation(new NavigationEntry("/appliances/merchant/tiers", TiersTitle, NavigationArea.Merchant, 41, Roles.Merchant));
        merchant.MapGet("/tiers/{id:guid}", TierEditorAsync);
        merchant.MapPost("/tiers/{id:guid}", SaveTiersAsync).RequireFormToken();
        return endpoints;
    }

    private static async Task<IResult> HomeAsync(ICatalogSearch search, IStorefrontPages pages, CancellationToken ct)
    {
        var result = await search.SearchAsync(
            new SearchQuery { MarketId = ApplianceMarketDescriptor.MarketId, Facets = [BuiltInFields.Category], Sort = SearchSort.Newest, PageSize = 8, Culture = Culture() },
            ct);
        var counts = result.Facets.FirstOrDefault(f => f.Field == BuiltInFields.Category)?.Buckets.ToDictionary(b => b.Key, b => b.Count) ?? [];
        return pages.Page<MarketHome>(MarketTitle, new Dictionary<string, object?>
        {
            [nameof(MarketHome.CategoryCounts)] = counts,
            [nameof(MarketHome.Newest)] = result.Hits,
            [nameof(MarketHome.Total)] = result.Total,
        });
    }

    private static async Task<IResult> BrowseAsync(HttpRequest request, ICatalogSearch search, IStorefrontPages pages, CancellationToken ct)
    {
        var parsed = ApplianceBrowse.Parse(request.Query, Culture());
        SearchResult? result = null;
        var error = parsed.Refusal is { } refusal ? Describe(refusal) : null;
        if (parsed.Value is { } browse)
        {
            try
            {
                result = await search.SearchAsync(browse.Query, ct);
            }
            catch (ArgumentException)
            {
                error = T("翻页链接已失效，请从第一页重新浏览。", "The page link is no longer valid; start again from the first page.");
            }
        }

        return pages.Page<BrowsePage>(MarketTitle, new Dictionary<string, object?>
        {
            [nameof(BrowsePage.Result)] = result,
            [nameof(BrowsePage.Chosen)] = parsed.Value?.Chosen ?? new Dictionary<string, IReadOnlyList<string>>(),
            [nameof(BrowsePage.Text)] = parsed.Value?.Query.Text,
            [nameof(BrowsePage.Error)] = error,
        }, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static Task<IResult> ProductAsync(Guid id, ClaimsPrincipal user, ICatalog catalog, PriceTiers tiers, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
        => RenderProductAsync(id, user, catalog, tiers, desk, pages, new ProductPage.RfqForm(), new Dictionary<string, string>(), StatusCodes.Status200OK, ct);

    private static async Task<IResult> RequestAsync(
        Guid id, [FromForm] ProductPage.RfqForm form, ClaimsPrincipal user, ICatalog catalog, PriceTiers tiers, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        long? quantity = long.TryParse(form.Quantity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) ? q : null;
        if (quantity is null)
        {
            errors["quantity"] = T("请输入整数数量。", "Enter a whole number.");
        }
        else
        {
            var result = await desk.RequestAsync(UserId(user), new QuoteRequestForm(id, quantity, null, form.DeliveryDate, form.Company, form.Note), ct);
            if (result.Refusal is null)
            {
                return Results.Redirect("/appliances/quotes?sent=1", permanent: false, preserveMethod: false);
            }

            if (result.Refusal.Status == StatusCodes.Status404NotFound)
            {
                return NotFound(pages);
            }

            errors[result.Refusal.Field is "quantity" or "deliveryDate" or "company" or "note" ? result.Refusal.Field : ""] = Describe(result.Refusal);
        }

        return await RenderProductAsync(id, user, catalog, tiers, desk, pages, form, errors, StatusCodes.Status422UnprocessableEntity, ct);
    }

    private static async Task<IResult> RenderProductAsync(
        Guid id, ClaimsPrincipal user, ICatalog catalog, PriceTiers tiers, QuoteDesk desk, IStorefrontPages pages,
        ProductPage.RfqForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var listing = await catalog.GetAsync(id, ct);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (listing is null || listing.MarketId != ApplianceMarketDescriptor.MarketId
            || (listing.Status is not (ListingStatus.Active or ListingStatus.SoldOut) && listing.MerchantId != userId))
        {
            return NotFound(pages);
        }

        return pages.Page<ProductPage>(listing.Title, new Dictionary<string, object?>
        {
            [nameof(ProductPage.Listing)] = listing,
            [nameof(ProductPage.Schedule)] = await tiers.ScheduleAsync(listing, ct),
            [nameof(ProductPage.CanRequest)] = user.IsInRole(Roles.Buyer) && listing.MerchantId != userId,
            [nameof(ProductPage.Form)] = form,
            [nameof(ProductPage.Errors)] = errors,
            [nameof(ProductPage.Earliest)] = desk.EarliestDelivery(listing),
            [nameof(ProductPage.Latest)] = desk.LatestDelivery,
        }, status);
    }

    private static async Task<IResult> BuyerQuotesAsync(string? sent, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
        => await BuyerPageAsync(user, desk, pages, sent is null ? null : T("询价已发送，厂家报价后会在这里通知您。", "Request sent; you will be notified here when the maker quotes."), StatusCodes.Status200OK, ct);

    private static async Task<IResult> BuyerPageAsync(ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, string? message, int status, CancellationToken ct)
    {
        var userId = UserId(user);
        return pages.Page<BuyerQuotes>(BuyerQuotesTitle, new Dictionary<string, object?>
        {
            [nameof(BuyerQuotes.Requests)] = await desk.OfBuyerAsync(userId, ct),
            [nameof(BuyerQuotes.Notices)] = await desk.NotificationsAsync(userId, markRead: true, ct),
            [nameof(BuyerQuotes.Message)] = message,
        }, status);
    }

    private static async Task<IResult> AcceptAsync(Guid id, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
    {
        var result = await desk.AcceptAsync(UserId(user), id, ct);
        return result.Refusal is { } refusal
            ? await BuyerPageAsync(user, desk, pages, Describe(refusal), refusal.Status, ct)
            : Results.Redirect($"/orders/{result.Value!.OrderId}", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> BuyerDeclineAsync(Guid id, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
    {
        var result = await desk.DeclineAsync(UserId(user), id, new DeclineForm(null), ct);
        return result.Refusal is { } refusal
            ? await BuyerPageAsync(user, desk, pages, Describe(refusal), refusal.Status, ct)
            : Results.Redirect("/appliances/quotes", permanent: false, preserveMethod: false);
    }

    private static Task<IResult> MerchantQuotesAsync(string? done, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
        => MerchantPageAsync(user, desk, pages, done switch
        {
            "quoted" => T("报价已发送给采购商。", "Quote sent to the buyer."),
            "declined" => T("已谢绝。", "Declined."),
            _ => null,
        }, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> MerchantPageAsync(ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, string? message, string? error, int status, CancellationToken ct)
    {
        var userId = UserId(user);
        return pages.Page<MerchantQuotes>(MerchantQuotesTitle, new Dictionary<string, object?>
        {
            [nameof(MerchantQuotes.Requests)] = await desk.OfMerchantAsync(userId, ct),
            [nameof(MerchantQuotes.Notices)] = await desk.NotificationsAsync(userId, markRead: true, ct),
            [nameof(MerchantQuotes.Today)] = desk.Today,
            [nameof(MerchantQuotes.Message)] = message,
            [nameof(MerchantQuotes.Error)] = error,
        }, status);
    }

    private static async Task<IResult> QuoteAsync(Guid id, [FromForm] string? unitPrice, [FromForm] string? validUntil, [FromForm] string? note, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
    {
        if (YuanText.ParseFen(unitPrice) is not { } fen)
        {
            return await MerchantPageAsync(user, desk, pages, null, T("请输入单价（元），最多两位小数。", "Enter the unit price in yuan, with at most two decimals."), StatusCodes.Status400BadRequest, ct);
        }

        var result = await desk.QuoteAsync(UserId(user), id, new QuoteForm(fen, validUntil, note), ct);
        return result.Refusal is { } refusal
            ? await MerchantPageAsync(user, desk, pages, null, Describe(refusal), refusal.Status, ct)
            : Results.Redirect("/appliances/merchant/quotes?done=quoted", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> MerchantDeclineAsync(Guid id, [FromForm] string? reason, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken ct)
    {
        var result = await desk.DeclineAsync(UserId(user), id, new DeclineForm(reason), ct);
        return result.Refusal is { } refusal
            ? await MerchantPageAsync(user, desk, pages, null, Describe(refusal), refusal.Status, ct)
            : Results.Redirect("/appliances/merchant/quotes?done=declined", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> TiersAsync(ClaimsPrincipal user, ICatalog catalog, PriceTiers tiers, IStorefrontPages pages, CancellationToken ct)
    {
        var listings = await catalog.AppliancesOfAsync(UserId(user), ct);
        return pages.Page<MerchantTiers>(TiersTitle, new Dictionary<string, object?>
        {
            [nameof(MerchantTiers.Listings)] = listings,
            [nameof(MerchantTiers.Counts)] = await tiers.CountsAsync(listings.Select(l => l.Id).ToList(), ct),
        });
    }

    private static async Task<IResult> TierEditorAsync(Guid id, string? saved, ClaimsPrincipal user, ICatalog catalog, PriceTiers tiers, IStorefrontPages pages, CancellationToken ct)
    {
        var listing = await catalog.GetAsync(id, ct);
        if (listing is null || listing.MarketId != ApplianceMarketDescriptor.MarketId || listing.MerchantId != UserId(user))
        {
            return NotFound(pages);
        }

        var rows = (await tiers.OfAsync(id, ct)).Select(t => ((string?)t.MinQuantity.ToString(CultureInfo.InvariantCulture), (string?)YuanText.Edit(t.UnitPriceMinor))).ToList();
        return TierPage(pages, listing, rows, saved is null ? null : T("已保存。", "Saved."), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveTiersAsync(Guid id, HttpRequest request, ClaimsPrincipal user, ICatalog catalog, PriceTiers tiers, IStorefrontPages pages, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var quantities = form["minQuantity"];
        var prices = form["unitPrice"];
        var rows = new List<(string?, string?)>();
        var breaks = new List<TierPrice>();
        string? error = null;
        for (var i = 0; i < Math.Min(Math.Max(quantities.Count, prices.Count), TierSchedule.MaxTiers); i++)
        {
            var quantityText = i < quantities.Count ? quantities[i] : null;
            var priceText = i < prices.Count ? prices[i] : null;
            if (string.IsNullOrWhiteSpace(quantityText) && string.IsNullOrWhiteSpace(priceText))
            {
                continue;
            }

            rows.Add((quantityText, priceText));
            if (!long.TryParse(quantityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity) || YuanText.ParseFen(priceText) is not { } fen)
            {
                error ??= T("每一档都要填写整数数量和单价（元，最多两位小数）。", "Each break needs a whole quantity and a price in yuan with at most two decimals.");
                continue;
            }

            breaks.Add(new TierPrice(quantity, fen));
        }

        var listing = await catalog.GetAsync(id, ct);
        if (listing is null || listing.MarketId != ApplianceMarketDescriptor.MarketId || listing.MerchantId != UserId(user))
        {
            return NotFound(pages);
        }

        if (error is not null)
        {
            return TierPage(pages, listing, rows, null, error, StatusCodes.Status400BadRequest);
        }

        var result = await tiers.ReplaceAsync(UserId(user), id, null, breaks, ct);
        return result.Refusal is { } refusal
            ? TierPage(pages, listing, rows, null, Describe(refusal), refusal.Status)
            : Results.Redirect($"/appliances/merchant/tiers/{id}?saved=1", permanent: false, preserveMethod: false);
    }

    private static IResult TierPage(IStorefrontPages pages, Listing listing, IReadOnlyList<(string?, string?)> rows, string? message, string? error, int status)
        => pages.Page<TierEditor>(TiersTitle, new Dictionary<string, object?>
        {
            [nameof(TierEditor.Listing)] = listing,
            [nameof(TierEditor.Rows)] = rows,
            [nameof(TierEditor.Message)] = message,
            [nameof(TierEditor.Error)] = error,
        }, status);

    /// <summary>A refusal as people read it, in the page's language.</summary>
    private static string Describe(ApplianceRefusal refusal) => refusal.Code switch
    {
        ApplianceProblems.InvalidQuantity => T("数量须为 1 至 1,000,000 之间的整数。", "The quantity must be a whole number from 1 to 1,000,000."),
        ApplianceProblems.DeliveryDateOutOfWindow => T("交货日期不在可选范围内（须晚于生产周期，且在一年以内）。", "The delivery date is outside the window (after the lead time, within a year)."),
        ApplianceProblems.ValidUntilOutOfWindow => T("报价有效期须从今天起，最长 90 天，且不晚于交货日期。", "A quote must be valid from today, for at most 90 days and not after the delivery date."),
        ApplianceProblems.InvalidPrice => T("价格须大于零；批发价须低于零售价。", "The price must be above zero; wholesale prices below the retail price."),
        ApplianceProblems.InvalidTiers => T("阶梯设置有误：每档从 2 件起、数量不重复、数量越大单价不能越高，最多 8 档。", "The breaks are not valid: each from 2 pieces, no quantity twice, never dearer for more, at most 8."),
        ApplianceProblems.QuoteExpired => T("报价已过期，不能再接受。请重新询价。", "The quote has expired and can no longer be accepted. Ask for a new quote."),
        ApplianceProblems.WrongState => T("该询价当前状态不允许此操作。", "The request's state does not allow this now."),
        ApplianceProblems.NotYourRequest => T("这不是您的询价。", "This request is not yours."),
        ApplianceProblems.NotYourListing => T("这不是您的商品。", "This listing is not yours."),
        ApplianceProblems.OwnListing => T("不能对自己的商品询价。", "You cannot ask for a quote on your own listing."),
        ApplianceProblems.OrderNotPlaced => T("下单失败（库存不足或商品已下架），报价仍然有效。", "The order could not be placed (out of stock or withdrawn); the quote still stands."),
        ApplianceProblems.RequestNotFound or ApplianceProblems.ListingNotFound => T("没有找到。", "Not found."),
        ApplianceProblems.UnknownAttribute => T("没有这个筛选条件。", "There is no such filter."),
        _ => T("输入有误，请检查后重试。", "Something is not valid; check it and try again.") + (IsEnglish ? " " + refusal.Detail : string.Empty),
    };

    private static IResult NotFound(IStorefrontPages pages)
        => pages.Message(StatusCodes.Status404NotFound, MarketTitle, new LocalizedText("没有找到这件小家电。", "There is no such appliance."));

    private static string Culture() => CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : LocalizedText.DefaultCulture;

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
