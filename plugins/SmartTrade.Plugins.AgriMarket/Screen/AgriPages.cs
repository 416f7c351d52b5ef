using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Plugins.AgriMarket.Trace;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Search;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.AgriMarket.Screen;

/// <summary>
/// The market's storefront pages: <c>/agri</c> (in season now, open pre-sales, producers, trace lookup),
/// <c>/agri/trace/{code}</c> (public trace page) and <c>/agri/producer</c> (a producer's batches and forms).
/// </summary>
public static class AgriPages
{
    private static readonly LocalizedText HomeTitle = new("余姚农产品", "Yuyao farm produce");
    private static readonly LocalizedText TraceTitle = new("农产品溯源", "Produce trace");
    private static readonly LocalizedText ProducerTitle = new("采收批次", "Harvest batches");

    /// <summary>Maps the pages and their menu entries.</summary>
    public static IEndpointRouteBuilder MapAgriPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/agri").ExcludeFromDescription();
        pages.MapGet("/", HomeAsync).WithNavigation(new NavigationEntry("/agri", new("农产品", "Farm produce"), Order: 40));
        pages.MapGet("/trace", (string? code) => string.IsNullOrWhiteSpace(code)
            ? Results.LocalRedirect("/agri")
            : Results.LocalRedirect($"/agri/trace/{Uri.EscapeDataString(code.Trim().ToUpperInvariant())}"));
        pages.MapGet("/trace/{code}", TraceAsync);

        var producer = pages.MapGroup("/producer").RequireAuthorization(Roles.Merchant);
        producer.MapGet("/", (string? done, ClaimsPrincipal user, HarvestBook book, ICatalog catalog, TimeProvider time, IStorefrontPages storefront, CancellationToken cancellationToken)
                => ProducerPageAsync(user, book, catalog, time, storefront, done is null ? null : T($"已保存：{done}", $"Saved: {done}"), null, StatusCodes.Status200OK, cancellationToken))
            .WithNavigation(new NavigationEntry("/agri/producer", ProducerTitle, NavigationArea.Merchant, 40, Roles.Merchant));
        producer.MapPost("/batches", RecordBatchAsync).RequireFormToken();
        producer.MapPost("/presales", OpenPreSaleAsync).RequireFormToken();
        producer.MapPost("/presales/{code}/harvest", RecordHarvestAsync).RequireFormToken();
        return endpoints;
    }

    private static async Task<IResult> HomeAsync(AgriDbContext db, HarvestBook book, ICatalogSearch search, ICatalog catalog, TimeProvider time, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var today = AgriCalendar.Today(time);
        var month = today.Month.ToString(CultureInfo.InvariantCulture);
        var inSeason = await search.SearchAsync(new SearchQuery
        {
            MarketId = AgriMarketDescriptor.MarketId,
            Filters = [new TermsFilter(AgriMarketDescriptor.SeasonMonths, [month])],
            Sort = SearchSort.Newest,
            PageSize = 12,
            Culture = IsEnglish ? LocalizedText.English : LocalizedText.DefaultCulture,
        }, cancellationToken);
        // Two producers often sell the same produce under the same name: each card says whose it is.
        var producers = new Dictionary<Guid, string>();
        foreach (var hit in inSeason.Hits)
        {
            if ((await catalog.GetAsync(hit.ListingId, cancellationToken))?.Attributes.GetValueOrDefault("producer")?.StringValue is { Length: > 0 } producer)
            {
                producers[hit.ListingId] = producer;
            }
        }

        var preSales = (await db.Batches.AsNoTracking().Where(b => b.Status == BatchStatus.Planned).ToListAsync(cancellationToken))
            .Where(b => b.IsSaleOpen(today)).OrderBy(b => b.DeliveryFrom).ToList();
        return pages.Page<AgriHome>(HomeTitle, new Dictionary<string, object?>
        {
            [nameof(AgriHome.Month)] = today.Month,
            [nameof(AgriHome.InSeason)] = inSeason.Hits,
            [nameof(AgriHome.ProducerOf)] = producers,
            [nameof(AgriHome.PreSales)] = preSales,
            [nameof(AgriHome.Producers)] = await book.ProducersAsync(cancellationToken),
        });
    }

    private static async Task<IResult> TraceAsync(string code, AgriDbContext db, IStorefrontPages pages, CancellationToken cancellationToken)
        => await TraceRecord.FindAsync(db, code, cancellationToken) is { } record
            ? pages.Page<TracePage>(new LocalizedText($"溯源码 {record.TraceCode}", $"Trace code {record.TraceCode}"), new Dictionary<string, object?> { [nameof(TracePage.Record)] = record })
            : pages.Message(StatusCodes.Status404NotFound, TraceTitle, new LocalizedText($"没有溯源码为 {code} 的批次。", $"No batch has trace code {code}."));

    private static async Task<IResult> RecordBatchAsync(HttpRequest request, ClaimsPrincipal user, HarvestBook book, ICatalog catalog, TimeProvider time, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var input = new BatchInput
        {
            ListingId = Guid.TryParse(form["listingId"], out var id) ? id : null,
            Farm = form["farm"],
            HarvestDate = Date(form["harvestDate"]),
            Quantity = Number(form["quantity"]),
            Unit = "kg",
            ShelfLifeDays = Number(form["shelfLifeDays"]) is { } days ? (int)Math.Clamp(days, 0, 100_000) : null,
            Inspections = Residue(form),
        };
        var result = await book.RecordBatchAsync(UserId(user), input, cancellationToken);
        return result.Refusal is { } refusal
            ? await ProducerPageAsync(user, book, catalog, time, pages, null, Explain(refusal), refusal.Status, cancellationToken)
            : Results.LocalRedirect($"/agri/producer?done={result.Value!.TraceCode}");
    }

    private static async Task<IResult> OpenPreSaleAsync(HttpRequest request, ClaimsPrincipal user, HarvestBook book, ICatalog catalog, TimeProvider time, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var input = new PreSaleInput
        {
            ListingId = Guid.TryParse(form["listingId"], out var id) ? id : null,
            Farm = form["farm"],
            ForecastQuantity = Number(form["forecastQuantity"]),
            Unit = "kg",
            SaleOpens = Date(form["saleOpens"]),
            SaleCloses = Date(form["saleCloses"]),
            DeliveryFrom = Date(form["deliveryFrom"]),
            DeliveryTo = Date(form["deliveryTo"]),
        };
        var result = await book.OpenPreSaleAsync(UserId(user), input, cancellationToken);
        return result.Refusal is { } refusal
            ? await ProducerPageAsync(user, book, catalog, time, pages, null, Explain(refusal), refusal.Status, cancellationToken)
            : Results.LocalRedirect($"/agri/producer?done={result.Value!.TraceCode}");
    }

    private static async Task<IResult> RecordHarvestAsync(string code, HttpRequest request, ClaimsPrincipal user, HarvestBook book, ICatalog catalog, TimeProvider time, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var input = new HarvestInput
        {
            HarvestDate = Date(form["harvestDate"]),
            Quantity = Number(form["quantity"]),
            Unit = "kg",
            Inspections = Residue(form),
        };
        var result = await book.RecordHarvestAsync(UserId(user), code, input, cancellationToken);
        return result.Refusal is { } refusal
            ? await ProducerPageAsync(user, book, catalog, time, pages, null, Explain(refusal), refusal.Status, cancellationToken)
            : Results.LocalRedirect($"/agri/producer?done={result.Value!.TraceCode}");
    }

    private static async Task<IResult> ProducerPageAsync(ClaimsPrincipal user, HarvestBook book, ICatalog catalog, TimeProvider time, IStorefrontPages pages, string? message, string? error, int status, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var listings = await catalog.ListByMerchantAsync(new MerchantListingsQuery { MerchantId = me, MarketId = AgriMarketDescriptor.MarketId, PageSize = MerchantListingsQuery.MaxPageSize }, cancellationToken);
        return pages.Page<ProducerPage>(ProducerTitle, new Dictionary<string, object?>
        {
            [nameof(ProducerPage.Batches)] = await book.MineAsync(me, cancellationToken),
            [nameof(ProducerPage.Listings)] = listings.Items,
            [nameof(ProducerPage.Today)] = AgriCalendar.Today(time),
            [nameof(ProducerPage.Message)] = message,
            [nameof(ProducerPage.Error)] = error,
        }, status);
    }

    private static string Explain(AgriRefusal refusal) => refusal.Code switch
    {
        AgriProblems.InvalidQuantity => T("数量须是大于 0 的整数千克。", "The quantity is a whole number of kg above zero."),
        AgriProblems.QuantityTooSmall => T("这个数量还不够一个销售单位。", "That quantity makes less than one unit of the listing."),
        AgriProblems.HarvestDateInFuture => T("采收日期不能晚于今天。", "The harvest date cannot be after today."),
        AgriProblems.PastShelfLife => T("这批货已过保质期，不能登记销售。", "That batch is past its shelf life already."),
        AgriProblems.InvalidWindow => T("请检查预售和送达日期：预售截止不能早于开始，送达期须覆盖到预售截止之后，且不能已经结束。", "Check the dates: the sale closes after it opens, deliveries go on until the sale closes at least, and the sale has not ended."),
        AgriProblems.PreSaleOpen => T("这个商品已有一个待采收的预售。", "That listing has a pre-sale waiting for its harvest."),
        AgriProblems.ListingHasStock => T("这个商品还在销售已采收的批次，不能同时开放预售。", "That listing still sells a harvested batch; a pre-sale cannot open beside it."),
        AgriProblems.NotYourListing or AgriProblems.NotYourBatch => T("只能为自己的商品登记。", "You can only record batches of your own listings."),
        _ => T("请检查填写的内容。", "Check what you entered.") + " " + refusal.Detail,
    };

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static DateOnly? Date(string? text)
        => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    // A number that does not parse is sent on as 0, so the book refuses it as an invalid quantity.
    private static long? Number(string? text)
        => string.IsNullOrWhiteSpace(text) ? null : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static List<InspectionInput> Residue(IFormCollection form)
        => string.IsNullOrWhiteSpace(form["pesticideResidue"])
            ? []
            : [new InspectionInput { Item = "pesticide-residue", Result = form["pesticideResidue"], Passed = form["pesticidePassed"] == "true" }];
}
