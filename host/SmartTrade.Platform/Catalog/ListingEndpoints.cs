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
        writes.MapPost("/{id:guid}/publish", (Guid id, HttpContext http, CancellationToken ct) => ChangeStatusAsync(id, http, l => l.TryPublish(), ct))
            .WithName("PublishListing").WithSummary("Makes a listing visible: Active when in stock, SoldOut otherwise.");
        writes.MapPost("/{id:guid}/suspend", (Guid id, HttpContext http, CancellationToken ct) => ChangeStatusAsync(id, http, l => l.TrySuspend(), ct))
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

    private static async Task<IResult> CreateAsync(
        ListingInput input,
        HttpContext http,
        PlatformDbContext db,
        MarketDirectory markets,
        OutboxProcessor outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (valid, errors) = ListingValidation.Validate(input, markets.Find);
        if (valid is null)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var listing = new ListingEntity
        {
            Id = Guid.CreateVersion7(now),
            MarketId = valid.Market.Id,
            MerchantId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!,
            TitleJson = "{}",
            CategoryPath = valid.CategoryPath,
            Currency = valid.Currency,
            Unit = valid.Unit,
            AttributesJson = "{}",
            Status = ListingStatus.Draft,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(listing, valid);
        db.Add(listing);
        db.Enqueue(ListingChangedType, listing.Changed(ListingChangeKind.Created, now), now);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        SetETag(http, listing);
        return TypedResults.Created($"/api/v1/listings/{listing.Id}", listing.ToListing());
    }

    private static async Task<IResult> ReplaceAsync(
        Guid id,
        ListingInput input,
        HttpContext http,
        PlatformDbContext db,
        MarketDirectory markets,
        OutboxProcessor outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (listing, refusal) = await LoadOwnedAsync(id, http, db, requireIfMatch: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (input.MarketId is not null && input.MarketId != listing!.MarketId)
        {
            return Problems.Validation(new() { ["marketId"] = ["A listing cannot move to another market."] });
        }

        var (valid, errors) = ListingValidation.Validate(input with { MarketId = listing!.MarketId }, markets.Find);
        if (valid is null)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        Apply(listing, valid);
        listing.ApplyStock(valid.Stock);
        listing.Touch(now);
        db.Enqueue(ListingChangedType, listing.Changed(ListingChangeKind.Updated, now), now);
        return await SaveAsync(http, db, outbox, listing, () => TypedResults.Ok(listing.ToListing()), cancellationToken);
    }

    private static async Task<IResult> ChangeStatusAsync(Guid id, HttpContext http, Func<ListingEntity, bool> transition, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<PlatformDbContext>();
        var (listing, refusal) = await LoadOwnedAsync(id, http, db, requireIfMatch: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var from = listing!.Status;
        if (!transition(listing))
        {
            return Problems.Status(409, ProblemTypes.Conflict, $"The listing is {from}; that change does not apply.");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        listing.Touch(now);
        db.Enqueue(ListingChangedType, listing.Changed(ListingChangeKind.StatusChanged, now), now);
        return await SaveAsync(http, db, services.GetRequiredService<OutboxProcessor>(), listing, () => TypedResults.Ok(listing.ToListing()), cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, PlatformDbContext db, OutboxProcessor outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (listing, refusal) = await LoadOwnedAsync(id, http, db, requireIfMatch: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        db.Remove(listing!);
        db.Enqueue(ListingChangedType, listing!.Changed(ListingChangeKind.Deleted, now) with { Version = listing!.Version + 1 }, now);
        return await SaveAsync(http, db, outbox, null, () => TypedResults.NoContent(), cancellationToken);
    }

    private static async Task<(ListingEntity? Listing, IResult? Refusal)> LoadOwnedAsync(Guid id, HttpContext http, PlatformDbContext db, bool requireIfMatch, CancellationToken cancellationToken)
    {
        var listing = await db.Set<ListingEntity>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return (null, NotFound(id));
        }

        if (!IsOwner(http.User, listing))
        {
            return (null, Problems.Status(403, ProblemTypes.Forbidden, "Only the merchant who owns this listing may change it."));
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return requireIfMatch
                ? (null, Problems.Status(428, "/problems/precondition-required", "Send If-Match with the ETag from your last read of this listing."))
                : (listing, null);
        }

        if (ifMatch == "*")
        {
            return (listing, null);
        }

        if (!EntityTagHeaderValue.TryParseList(ifMatch.Split(','), out var tags))
        {
            return (null, Problems.Status(400, ProblemTypes.BadRequest, "If-Match is not a valid entity tag list."));
        }

        if (tags.All(t => t.Tag.ToString() != ETag(listing)))
        {
            return (null, Problems.Status(412, ProblemTypes.PreconditionFailed, "The listing changed since you read it; read it again and retry."));
        }

        return (listing, null);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, PlatformDbContext db, OutboxProcessor outbox, ListingEntity? listing, Func<IResult> result, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Status(412, ProblemTypes.PreconditionFailed, "The listing changed while you were saving; read it again and retry.");
        }

        outbox.Notify();
        if (listing is not null)
        {
            SetETag(http, listing);
        }

        return result();
    }

    private static void Apply(ListingEntity listing, ValidListing valid)
    {
        listing.Title = valid.Title;
        listing.Description = valid.Description;
        listing.CategoryPath = valid.CategoryPath;
        listing.PriceMinor = valid.PriceMinor;
        listing.Currency = valid.Currency;
        listing.Unit = valid.Unit;
        listing.Stock = valid.Stock;
        listing.Attributes = valid.Attributes;
    }

    private static bool IsOwner(ClaimsPrincipal user, ListingEntity listing)
        => user.FindFirstValue(ClaimTypes.NameIdentifier) == listing.MerchantId;

    private static string ETag(ListingEntity listing) => $"\"{listing.Version}\"";

    private static void SetETag(HttpContext http, ListingEntity listing) => http.Response.Headers.ETag = ETag(listing);

    private static IResult NotFound(Guid id) => Problems.Status(404, ProblemTypes.NotFound, $"No listing {id}.");
}
