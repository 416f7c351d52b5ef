using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Markets;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Catalog;

/// <summary>
/// Listings under <c>/api/v1/listings</c>: anyone reads active listings; a merchant creates listings and changes
/// only its own (403 otherwise). Reads carry an ETag; a replacement needs <c>If-Match</c> (428 without, 412 when stale).
/// </summary>
public static class ListingEndpoints
{
    public const string ListingChangedType = nameof(ListingChanged);

    public static IEndpointRouteBuilder MapListingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var listings = endpoints.MapGroup("/api/v1/listings").WithTags("Listings");
        listings.MapGet("/", ListAsync).WithName("ListListings").WithSummary("Lists active listings, or with mine=true the signed-in merchant's own in every status.");
        listings.MapGet("/{id:guid}", GetAsync).WithName("GetListing").WithSummary("Shows a listing with its ETag.");
        var writes = listings.MapGroup("/").RequireAuthorization(Roles.Merchant);
        writes.MapPost("/", CreateAsync).WithName("CreateListing").WithSummary("Creates a draft listing in a market, its attributes checked against the market's schema.").WithIdempotency();
        writes.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplaceListing").WithSummary("Replaces a listing; needs If-Match with the ETag last read.");
        writes.MapPost("/{id:guid}/publish", (Guid id, HttpContext http, CancellationToken ct) => ChangeStatusAsync(id, http, (c, m, i, p, t) => c.PublishAsync(m, i, p, t), ct))
            .WithName("PublishListing").WithSummary("Makes a listing visible: Active when in stock, SoldOut otherwise.");
        writes.MapPost("/{id:guid}/suspend", (Guid id, HttpContext http, CancellationToken ct) => ChangeStatusAsync(id, http, (c, m, i, p, t) => c.SuspendAsync(m, i, p, t), ct))
            .WithName("SuspendListing").WithSummary("Takes a listing out of search and sale.");
        writes.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteListing").WithSummary("Deletes a listing.");
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        string? market,
        bool? mine,
        int? pageSize,
        int? page,
        ClaimsPrincipal user,
        PlatformDbContext db,
        CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var number = Math.Max(page ?? 1, 1);
        var query = db.Set<ListingEntity>().AsNoTracking();
        if (mine == true)
        {
            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } merchant)
            {
                return Problems.Status(401, ProblemTypes.Unauthorized, "Sign in to see your listings.");
            }

            query = query.Where(l => l.MerchantId == merchant);
        }
        else
        {
            query = query.Where(l => l.Status == ListingStatus.Active);
        }

        if (!string.IsNullOrWhiteSpace(market))
        {
            query = query.Where(l => l.MarketId == market);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(l => l.MarketId).ThenBy(l => l.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListingPage { Items = items.Select(i => i.ToListing()).ToList(), Total = total, NextCursor = null });
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var listing = await db.Set<ListingEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null || (listing.Status != ListingStatus.Active && listing.Status != ListingStatus.SoldOut && !IsOwner(http.User, listing)))
        {
            return NotFound(id);
        }

        SetETag(http, listing);
        return TypedResults.Ok(listing.ToListing());
    }

    private static async Task<IResult> CreateAsync(ListingInput input, HttpContext http, ListingCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, input, cancellationToken);
        return Answer(http, outcome, listing => TypedResults.Created($"/api/v1/listings/{listing.Id}", listing.ToListing()));
    }

    private static async Task<IResult> ReplaceAsync(Guid id, ListingInput input, HttpContext http, ListingCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.ReplaceAsync(MerchantId(http), id, input, IfMatch(http, required: true), cancellationToken);
        return Answer(http, outcome, listing => TypedResults.Ok(listing.ToListing()));
    }

    private static async Task<IResult> ChangeStatusAsync(
        Guid id,
        HttpContext http,
        Func<ListingCommands, string, Guid, ListingPrecondition, CancellationToken, Task<ListingOutcome>> change,
        CancellationToken cancellationToken)
    {
        var commands = http.RequestServices.GetRequiredService<ListingCommands>();
        var outcome = await change(commands, MerchantId(http), id, IfMatch(http, required: false), cancellationToken);
        return Answer(http, outcome, listing => TypedResults.Ok(listing.ToListing()));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, ListingCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.DeleteAsync(MerchantId(http), id, IfMatch(http, required: false), cancellationToken);
        return outcome.Refusal is { } refusal ? Problem(refusal) : TypedResults.NoContent();
    }

    private static IResult Answer(HttpContext http, ListingOutcome outcome, Func<ListingEntity, IResult> success)
    {
        if (outcome.Refusal is { } refusal)
        {
            return Problem(refusal);
        }

        SetETag(http, outcome.Listing!);
        return success(outcome.Listing!);
    }

    /// <summary>A refused listing write as problem details, in English.</summary>
    public static IResult Problem(ListingRefusal refusal)
        => refusal.Errors is { Count: > 0 } errors
            ? Problems.Validation(errors.InEnglish())
            : Problems.Status(refusal.Status, refusal.Type, refusal.Detail.Get(System.Globalization.CultureInfo.GetCultureInfo(Sdk.Localization.LocalizedText.English)));

    private static string MerchantId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static ListingPrecondition IfMatch(HttpContext http, bool required)
        => ListingPrecondition.FromIfMatch(http.Request.Headers.IfMatch.ToString(), required);

    private static bool IsOwner(ClaimsPrincipal user, ListingEntity listing)
        => user.FindFirstValue(ClaimTypes.NameIdentifier) == listing.MerchantId;

    /// <summary>A listing's ETag: its version, quoted.</summary>
    public static void SetETag(HttpContext http, ListingEntity listing) => http.Response.Headers.ETag = $"\"{listing.Version}\"";

    private static IResult NotFound(Guid id) => Problems.Status(404, ProblemTypes.NotFound, $"No listing {id}.");
}
