using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Markets;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Catalog;

/// <summary>
/// The versions of a listing a write may apply to: any (no check), one the writer read (a form's hidden version, an
/// ETag in <c>If-Match</c>), or a precondition that is missing or malformed.
/// </summary>
public sealed record ListingPrecondition
{
    private ListingPrecondition()
    {
    }

    /// <summary>No check: the write applies to whatever version is stored.</summary>
    public static ListingPrecondition Any { get; } = new();

    /// <summary>A required precondition was not sent (HTTP 428).</summary>
    public static ListingPrecondition Missing { get; } = new() { IsMissing = true };

    /// <summary>The precondition could not be read (HTTP 400).</summary>
    public static ListingPrecondition Malformed { get; } = new() { IsMalformed = true };

    public bool IsMissing { get; private init; }

    public bool IsMalformed { get; private init; }

    /// <summary>The versions the write accepts; null for any.</summary>
    public IReadOnlyCollection<long>? Versions { get; private init; }

    /// <summary>Only the version the writer read.</summary>
    public static ListingPrecondition Version(long version) => new() { Versions = [version] };

    /// <summary>From an <c>If-Match</c> header holding listing ETags (<c>"3"</c>); <c>*</c> matches any version.</summary>
    public static ListingPrecondition FromIfMatch(string ifMatch, bool required)
    {
        if (ifMatch.Length == 0)
        {
            return required ? Missing : Any;
        }

        if (ifMatch == "*")
        {
            return Any;
        }

        if (!EntityTagHeaderValue.TryParseList(ifMatch.Split(','), out var tags))
        {
            return Malformed;
        }

        // A tag that is not a version this host wrote matches nothing: the write is stale.
        var versions = tags
            .Select(t => long.TryParse(t.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v >= 0)
            .ToList();
        return new() { Versions = versions };
    }

    internal bool Accepts(long version) => Versions is null || Versions.Contains(version);
}

/// <summary>Why a listing write was refused: an HTTP status, a problem type, and the reason in zh-CN and en.</summary>
/// <param name="Status">The HTTP status: 400 invalid, 403 not the owner, 404 unknown, 409 wrong status, 412 stale, 413, 415, 428.</param>
/// <param name="Type">The problem type.</param>
/// <param name="Detail">The reason.</param>
/// <param name="Errors">The fields at fault, for a 400.</param>
public sealed record ListingRefusal(int Status, string Type, LocalizedText Detail, FieldErrors? Errors = null);

/// <summary>The listing after a write, or why the write was refused.</summary>
public sealed record ListingOutcome(ListingEntity? Listing, ListingRefusal? Refusal)
{
    public static implicit operator ListingOutcome(ListingRefusal refusal) => new(null, refusal);
}

/// <summary>
/// A merchant's writes to listings, the same for the API and the storefront's pages: create (checked against the
/// market's schema), replace (optimistic concurrency on <see cref="ListingEntity.Version"/>), publish, suspend,
/// delete. Only the merchant who owns a listing changes it. Every change goes to the outbox in the same commit, so
/// the search index and the plugins hear of it.
/// </summary>
public sealed class ListingCommands(PlatformDbContext db, MarketDirectory markets, OutboxProcessor outbox, TimeProvider time)
{
    public async Task<ListingOutcome> CreateAsync(string merchantId, ListingInput input, CancellationToken cancellationToken)
    {
        var (valid, errors) = ListingValidation.Validate(input, markets.Find);
        if (valid is null)
        {
            return Invalid(errors);
        }

        var now = time.GetUtcNow();
        var listing = Draft(Guid.CreateVersion7(now), merchantId, valid, now);
        db.Add(listing);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Created, now), now);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return new(listing, null);
    }

    /// <summary>A new draft listing of a checked input, version 1.</summary>
    public static ListingEntity Draft(Guid id, string merchantId, ValidListing valid, DateTimeOffset createdAt)
    {
        var listing = new ListingEntity
        {
            Id = id,
            MarketId = valid.Market.Id,
            MerchantId = merchantId,
            TitleJson = "{}",
            CategoryPath = valid.CategoryPath,
            Currency = valid.Currency,
            Unit = valid.Unit,
            AttributesJson = "{}",
            Status = ListingStatus.Draft,
            Version = 1,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        Apply(listing, valid);
        return listing;
    }

    public async Task<ListingOutcome> ReplaceAsync(string merchantId, Guid id, ListingInput input, ListingPrecondition precondition, CancellationToken cancellationToken)
    {
        var (listing, refusal) = await LoadOwnedAsync(merchantId, id, precondition, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (input.MarketId is not null && input.MarketId != listing!.MarketId)
        {
            var errors = new FieldErrors();
            errors.Report("marketId", "商品不能换到另一个市场。", "A listing cannot move to another market.");
            return Invalid(errors);
        }

        var (valid, invalid) = ListingValidation.Validate(input with { MarketId = listing!.MarketId }, markets.Find);
        if (valid is null)
        {
            return Invalid(invalid);
        }

        var now = time.GetUtcNow();
        Apply(listing, valid);
        listing.ApplyStock(valid.Stock);
        listing.Touch(now);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Updated, now), now);
        return await SaveAsync(listing, cancellationToken);
    }

    /// <summary>Makes a listing visible: Active when in stock, SoldOut otherwise.</summary>
    public Task<ListingOutcome> PublishAsync(string merchantId, Guid id, ListingPrecondition precondition, CancellationToken cancellationToken)
        => ChangeStatusAsync(merchantId, id, precondition, l => l.TryPublish(), cancellationToken);

    /// <summary>Takes a listing out of search and sale.</summary>
    public Task<ListingOutcome> SuspendAsync(string merchantId, Guid id, ListingPrecondition precondition, CancellationToken cancellationToken)
        => ChangeStatusAsync(merchantId, id, precondition, l => l.TrySuspend(), cancellationToken);

    public async Task<ListingOutcome> DeleteAsync(string merchantId, Guid id, ListingPrecondition precondition, CancellationToken cancellationToken)
    {
        var (listing, refusal) = await LoadOwnedAsync(merchantId, id, precondition, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        db.Remove(listing!);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing!.Changed(ListingChangeKind.Deleted, now) with { Version = listing.Version + 1 }, now);
        var saved = await SaveAsync(listing, cancellationToken);
        return saved.Refusal is null ? new(listing, null) : saved;
    }

    /// <summary>The listing for a write by <paramref name="merchantId"/>: 404 unknown, 403 someone else's, 428/400/412 for the precondition.</summary>
    public async Task<(ListingEntity? Listing, ListingRefusal? Refusal)> LoadOwnedAsync(string merchantId, Guid id, ListingPrecondition precondition, CancellationToken cancellationToken)
    {
        var listing = await db.Set<ListingEntity>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return (null, NotFound(id));
        }

        if (listing.MerchantId != merchantId)
        {
            return (null, new ListingRefusal(403, ProblemTypes.Forbidden, new(
                "只有发布这个商品的商家可以修改它。", "Only the merchant who owns this listing may change it.")));
        }

        if (precondition.IsMissing)
        {
            return (null, new ListingRefusal(428, "/problems/precondition-required", new(
                "请带上最近一次读取时的 ETag（If-Match）。", "Send If-Match with the ETag from your last read of this listing.")));
        }

        if (precondition.IsMalformed)
        {
            return (null, new ListingRefusal(400, ProblemTypes.BadRequest, new("If-Match 不是有效的 ETag 列表。", "If-Match is not a valid entity tag list.")));
        }

        return precondition.Accepts(listing.Version) ? (listing, null) : (null, Stale);
    }

    public static ListingRefusal NotFound(Guid id) => new(404, ProblemTypes.NotFound, new($"没有商品 {id}。", $"No listing {id}."));

    private static readonly ListingRefusal Stale = new(412, ProblemTypes.PreconditionFailed, new(
        "商品在您读取之后已被修改，请重新打开后再试。", "The listing changed since you read it; read it again and retry."));

    private async Task<ListingOutcome> ChangeStatusAsync(string merchantId, Guid id, ListingPrecondition precondition, Func<ListingEntity, bool> transition, CancellationToken cancellationToken)
    {
        var (listing, refusal) = await LoadOwnedAsync(merchantId, id, precondition, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var from = listing!.Status;
        if (!transition(listing))
        {
            return new ListingRefusal(409, ProblemTypes.Conflict, new($"商品当前为{StatusName(from)}，不能这样变更。", $"The listing is {from}; that change does not apply."));
        }

        var now = time.GetUtcNow();
        listing.Touch(now);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.StatusChanged, now), now);
        return await SaveAsync(listing, cancellationToken);
    }

    private async Task<ListingOutcome> SaveAsync(ListingEntity listing, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ListingRefusal(412, ProblemTypes.PreconditionFailed, new(
                "保存时商品已被修改，请重新打开后再试。", "The listing changed while you were saving; read it again and retry."));
        }

        outbox.Notify();
        return new(listing, null);
    }

    private static ListingRefusal Invalid(FieldErrors errors)
        => new(400, ProblemTypes.Validation, new("请修改标出的内容。", "The request is not valid."), errors);

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

    private static string StatusName(ListingStatus status) => status switch
    {
        ListingStatus.Draft => "草稿",
        ListingStatus.Active => "在售",
        ListingStatus.Suspended => "已下架",
        _ => "已售罄",
    };
}
