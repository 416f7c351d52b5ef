using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.ApplianceMarket.Browse;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Plugins.ApplianceMarket.Pricing;
using SmartTrade.Plugins.ApplianceMarket.Quotes;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Search;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.ApplianceMarket;

/// <summary>
/// The appliance market's HTTP API under <c>/api/v1/appliances</c>: browsing by facets and a listing's price schedule
/// for anyone; price breaks for the listing's merchant; quote requests for their buyer and their merchant.
/// </summary>
public static class ApplianceApi
{
    /// <summary>The routes' prefix.</summary>
    public const string Prefix = "/api/v1/appliances";

    /// <summary>Setting a listing's price breaks.</summary>
    /// <param name="Unit">The unit the quantities are in; the listing's when omitted.</param>
    /// <param name="Tiers">The breaks; an empty list removes them all.</param>
    public sealed record TiersRequest(string? Unit, IReadOnlyList<TierPrice>? Tiers);

    /// <summary>A listing with its specifications and price schedule.</summary>
    /// <param name="Listing">The listing.</param>
    /// <param name="Schedule">Retail price, minimum order quantity and wholesale breaks.</param>
    public sealed record ProductView(Listing Listing, ListingTiers Schedule);

    /// <summary>Maps the API.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    public static IEndpointRouteBuilder MapApplianceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).WithTags("Small appliances");

        api.MapGet("/browse", BrowseAsync)
            .AllowAnonymous().WithName("BrowseAppliances")
            .WithSummary("Appliances filtered by category, brand, power, price, certification and moq (bucket keys of the market's facets), with facet counts.")
            .Produces<SearchResult>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/listings/{id:guid}", ProductAsync)
            .AllowAnonymous().WithName("GetApplianceProduct").WithSummary("A listing on sale with its specifications, minimum order quantity and wholesale price breaks.")
            .Produces<ProductView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/listings/{id:guid}/tiers", SetTiersAsync)
            .RequireAuthorization(Roles.Merchant).WithName("SetApplianceTiers")
            .WithSummary("The listing's merchant replaces its wholesale price breaks (minimum quantity to unit price in fen).")
            .Produces<ListingTiers>().ProducesApplianceProblems();

        api.MapPost("/quote-requests", RequestAsync)
            .RequireAuthorization(Roles.Buyer).WithIdempotency().WithName("RequestApplianceQuote")
            .WithSummary("A business buyer asks a listing's merchant for a quantity and a delivery date.")
            .Produces<QuoteRequestView>(StatusCodes.Status201Created).ProducesApplianceProblems();
        api.MapGet("/quote-requests", ListAsync)
            .RequireAuthorization().WithName("ListApplianceQuoteRequests")
            .WithSummary("The buyer's own requests, or with as=merchant those addressed to the merchant.")
            .Produces<IReadOnlyList<QuoteRequestView>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/quote-requests/{id:guid}", async (Guid id, ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct) => Answer(await desk.GetAsync(UserId(user), id, ct), TypedResults.Ok))
            .RequireAuthorization().WithName("GetApplianceQuoteRequest").WithSummary("One request, to its buyer or its merchant.")
            .Produces<QuoteRequestView>().ProducesApplianceProblems();
        api.MapPost("/quote-requests/{id:guid}/quote", async (Guid id, QuoteForm form, ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct) => Answer(await desk.QuoteAsync(UserId(user), id, form, ct), TypedResults.Ok))
            .RequireAuthorization(Roles.Merchant).WithName("QuoteApplianceRequest")
            .WithSummary("The merchant the request is addressed to quotes a unit price (fen) valid until a date (Beijing).")
            .Produces<QuoteRequestView>().ProducesApplianceProblems();
        api.MapPost("/quote-requests/{id:guid}/decline", async (Guid id, DeclineForm? form, ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct) => Answer(await desk.DeclineAsync(UserId(user), id, form ?? new DeclineForm(null), ct), TypedResults.Ok))
            .RequireAuthorization().WithName("DeclineApplianceRequest")
            .WithSummary("The buyer or the merchant declines a request or a quote that was not accepted.")
            .Produces<QuoteRequestView>().ProducesApplianceProblems();
        api.MapPost("/quote-requests/{id:guid}/accept", async (Guid id, ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct) => Answer(await desk.AcceptAsync(UserId(user), id, ct), TypedResults.Ok))
            .RequireAuthorization(Roles.Buyer).WithName("AcceptApplianceQuote")
            .WithSummary("The buyer accepts a quote before it expires; it becomes an order at the quoted price (orderId), once per quote.")
            .Produces<QuoteRequestView>().ProducesApplianceProblems();
        api.MapGet("/notifications", async (ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.NotificationsAsync(UserId(user), markRead: false, ct)))
            .RequireAuthorization().WithName("ListApplianceNotifications").WithSummary("The user's latest notifications about quote requests.");
        return endpoints;
    }

    private static async Task<IResult> BrowseAsync(HttpRequest request, ICatalogSearch search, CancellationToken ct)
    {
        var parsed = ApplianceBrowse.Parse(request.Query, CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : "zh-CN");
        if (parsed.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        try
        {
            return TypedResults.Ok(await search.SearchAsync(parsed.Value!.Query, ct));
        }
        catch (ArgumentException ex)
        {
            return new ApplianceRefusal(400, ApplianceProblems.InvalidInput, ex.Message, ex.ParamName ?? "cursor").ToProblem();
        }
    }

    private static async Task<IResult> ProductAsync(Guid id, ICatalog catalog, PriceTiers tiers, CancellationToken ct)
    {
        var listing = await catalog.GetAsync(id, ct);
        if (listing is null || listing.MarketId != ApplianceMarketDescriptor.MarketId || listing.Status is not (ListingStatus.Active or ListingStatus.SoldOut))
        {
            return new ApplianceRefusal(404, ApplianceProblems.ListingNotFound, $"There is no appliance listing {id} on sale.").ToProblem();
        }

        return TypedResults.Ok(new ProductView(listing, (await tiers.ScheduleAsync(listing, ct))!));
    }

    private static async Task<IResult> SetTiersAsync(Guid id, TiersRequest body, ClaimsPrincipal user, PriceTiers tiers, CancellationToken ct)
        => Answer(await tiers.ReplaceAsync(UserId(user), id, body.Unit, body.Tiers, ct), TypedResults.Ok);

    private static async Task<IResult> RequestAsync(QuoteRequestForm form, ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct)
        => Answer(await desk.RequestAsync(UserId(user), form, ct), r => TypedResults.Created($"{Prefix}/quote-requests/{r.Id}", r));

    private static async Task<IResult> ListAsync(string? @as, ClaimsPrincipal user, QuoteDesk desk, CancellationToken ct)
        => @as switch
        {
            null or "buyer" => TypedResults.Ok(await desk.OfBuyerAsync(UserId(user), ct)),
            "merchant" when user.IsInRole(Roles.Merchant) => TypedResults.Ok(await desk.OfMerchantAsync(UserId(user), ct)),
            "merchant" => new ApplianceRefusal(403, ApplianceProblems.NotYourRequest, "Only merchants have requests addressed to them.").ToProblem(),
            _ => new ApplianceRefusal(400, ApplianceProblems.InvalidInput, "as is buyer or merchant.", "as").ToProblem(),
        };

    private static IResult Answer<T>(ApplianceResult<T> result, Func<T, IResult> success)
        => result.Refusal is { } refusal ? refusal.ToProblem() : success(result.Value!);

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static RouteHandlerBuilder ProducesApplianceProblems(this RouteHandlerBuilder builder)
        => builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
