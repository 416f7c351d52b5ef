using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.ApplianceMarket.Data;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Plugins.ApplianceMarket.Quotes;

/// <summary>A buyer's request for quotation.</summary>
/// <param name="ListingId">The appliance listing.</param>
/// <param name="Quantity">How many units, at least 1.</param>
/// <param name="Unit">The unit of the quantity; the listing's unit when omitted, and it must be the listing's.</param>
/// <param name="DeliveryDate">The wanted delivery date (yyyy-MM-dd, Beijing), after the listing's lead time and within a year.</param>
/// <param name="Company">The buyer's shop or company, shown to the merchant.</param>
/// <param name="Note">A note to the merchant (up to 500 characters).</param>
public sealed record QuoteRequestForm(Guid? ListingId, long? Quantity, string? Unit, string? DeliveryDate, string? Company, string? Note);

/// <summary>A merchant's quote.</summary>
/// <param name="UnitPriceMinor">The unit price in fen, above zero.</param>
/// <param name="ValidUntil">The last day it may be accepted (yyyy-MM-dd, Beijing): from today, at most 90 days ahead and not after the delivery date.</param>
/// <param name="Note">A note to the buyer (up to 500 characters).</param>
public sealed record QuoteForm(long? UnitPriceMinor, string? ValidUntil, string? Note);

/// <summary>Declining a request or a quote.</summary>
/// <param name="Reason">Why (up to 500 characters).</param>
public sealed record DeclineForm(string? Reason);

/// <summary>A quote request as its buyer and its merchant see it.</summary>
public sealed record QuoteRequestView(
    Guid Id,
    Guid ListingId,
    string ListingTitleZh,
    string ListingTitleEn,
    string MerchantId,
    string BuyerId,
    string BuyerCompany,
    long Quantity,
    string Unit,
    DateOnly DeliveryDate,
    string? BuyerNote,
    long RetailPriceMinor,
    string State,
    long? UnitPriceMinor,
    long? TotalMinor,
    DateOnly? ValidUntil,
    DateTimeOffset? ExpiresAt,
    string? MerchantNote,
    string? DeclinedBy,
    string? DeclineReason,
    Guid? OrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A notification as shown to its user.</summary>
public sealed record NotificationView(long Id, Guid RequestId, string TextZh, string TextEn, DateTimeOffset CreatedAt, bool Read);

/// <summary>
/// The request-for-quotation desk: buyers ask merchants for a quantity and a delivery date, merchants quote a unit price
/// valid until a date, and an accepted quote becomes an order through <see cref="IOrderService"/>, once per quote.
/// Every operation checks that the caller is the request's buyer or merchant, and a refused one changes nothing.
/// </summary>
public sealed class QuoteDesk(ApplianceMarketDbContext db, ICatalog catalog, IOrderService orders, TimeProvider time)
{
    /// <summary>The longest company name.</summary>
    public const int MaxCompanyLength = 100;

    /// <summary>The longest note or reason.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>The largest quantity a request may ask for.</summary>
    public const long MaxQuantity = 1_000_000;

    /// <summary>The highest unit price a quote may give, in fen (one million yuan).</summary>
    public const long MaxUnitPriceMinor = 100_000_000;

    /// <summary>How far ahead a delivery date may be, in days.</summary>
    public const int DeliveryHorizonDays = 365;

    /// <summary>How long a quote may stay valid, in days.</summary>
    public const int ValidityHorizonDays = 90;

    /// <summary>The key of the order placed for a quote: repeating an acceptance never places a second order.</summary>
    /// <param name="requestId">The quote request.</param>
    public static string OrderKey(Guid requestId) => $"appliance-quote-{requestId:N}";

    /// <summary>Today in Beijing by the host's clock.</summary>
    public DateOnly Today => QuoteRequest.ChinaDate(time.GetUtcNow());

    /// <summary>The first delivery date a request for this listing may ask for: after its lead time, at least tomorrow.</summary>
    /// <param name="listing">The listing.</param>
    public DateOnly EarliestDelivery(Listing listing)
        => Today.AddDays((int)Math.Max(1, listing.Attributes.TryGetValue("leadTimeDays", out var lead) && lead.IntegerValue is { } days ? Math.Min(days, DeliveryHorizonDays) : 1));

    /// <summary>The last delivery date a request may ask for.</summary>
    public DateOnly LatestDelivery => Today.AddDays(DeliveryHorizonDays);

    /// <summary>A buyer asks a listing's merchant for a quote.</summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="form">What they ask for.</param>
    /// <param name="cancellationToken">Cancels the request before it commits.</param>
    public async Task<ApplianceResult<QuoteRequestView>> RequestAsync(string buyerId, QuoteRequestForm form, CancellationToken cancellationToken)
    {
        if (form.ListingId is not { } listingId)
        {
            return Invalid("listingId", "Name the listing to ask about.");
        }

        var listing = await catalog.GetAsync(listingId, cancellationToken);
        if (listing is null || listing.MarketId != ApplianceMarketDescriptor.MarketId || listing.Status is not (ListingStatus.Active or ListingStatus.SoldOut))
        {
            return new ApplianceRefusal(404, ApplianceProblems.ListingNotFound, $"There is no appliance listing {listingId} on sale.", "listingId");
        }

        if (form.Quantity is not { } quantity || quantity < 1 || quantity > MaxQuantity)
        {
            return new ApplianceRefusal(400, ApplianceProblems.InvalidQuantity, $"The quantity must be a whole number from 1 to {MaxQuantity}.", "quantity");
        }

        if (form.Unit is { } unit && unit != listing.Unit)
        {
            return new ApplianceRefusal(400, ApplianceProblems.WrongUnit, $"The listing is sold by the {listing.Unit}; ask for a quantity in {listing.Unit}.", "unit");
        }

        if (ParseDate(form.DeliveryDate) is not { } delivery)
        {
            return Invalid("deliveryDate", "Give the delivery date as yyyy-MM-dd.");
        }

        var (earliest, latest) = (EarliestDelivery(listing), LatestDelivery);
        if (delivery < earliest || delivery > latest)
        {
            return new ApplianceRefusal(400, ApplianceProblems.DeliveryDateOutOfWindow, $"The delivery date must be from {earliest:yyyy-MM-dd} (the listing's lead time) to {latest:yyyy-MM-dd}.", "deliveryDate");
        }

        var company = form.Company?.Trim();
        if (string.IsNullOrEmpty(company) || company.Length > MaxCompanyLength)
        {
            return Invalid("company", $"Give your shop or company name, up to {MaxCompanyLength} characters.");
        }

        if (TrimNote(form.Note, "note") is { Refusal: { } noteRefusal })
        {
            return noteRefusal;
        }

        if (listing.MerchantId == buyerId)
        {
            return new ApplianceRefusal(422, ApplianceProblems.OwnListing, "A merchant cannot ask for a quote on a listing of their own.", "listingId");
        }

        var now = time.GetUtcNow();
        var request = new QuoteRequest
        {
            Id = Guid.CreateVersion7(now),
            ListingId = listing.Id,
            MerchantId = listing.MerchantId,
            BuyerId = buyerId,
            BuyerCompany = company,
            ListingTitleZh = Clip(listing.Title.TryGetValue(LocalizedText.DefaultCulture, out var zh) ? zh : listing.Title.Get()),
            ListingTitleEn = Clip(listing.Title.TryGetValue(LocalizedText.English, out var en) ? en : listing.Title.Get()),
            Unit = listing.Unit,
            RetailPriceMinor = listing.Price.Minor,
            Quantity = quantity,
            DeliveryDate = delivery,
            BuyerNote = Blank(form.Note),
            Status = QuoteStatus.Requested,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.QuoteRequests.Add(request);
        Notify(request.MerchantId, request, now,
            $"{company} 询价：{request.ListingTitleZh} {quantity} 件，{delivery:yyyy-MM-dd} 交货。",
            $"{company} asks for a quote: {request.ListingTitleEn}, {quantity} units, delivery {delivery:yyyy-MM-dd}.");
        await db.SaveChangesAsync(cancellationToken);
        return View(request, now);
    }

    /// <summary>The listing's merchant quotes a unit price valid until a date.</summary>
    /// <param name="merchantId">The merchant.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="form">The quote.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public async Task<ApplianceResult<QuoteRequestView>> QuoteAsync(string merchantId, Guid requestId, QuoteForm form, CancellationToken cancellationToken)
    {
        var request = await db.QuoteRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }

        if (request.MerchantId != merchantId)
        {
            return new ApplianceRefusal(403, ApplianceProblems.NotYourRequest, "This request is addressed to another merchant.");
        }

        if (form.UnitPriceMinor is not { } price || price < 1 || price > MaxUnitPriceMinor)
        {
            return new ApplianceRefusal(400, ApplianceProblems.InvalidPrice, $"The unit price must be from 1 to {MaxUnitPriceMinor} fen.", "unitPriceMinor");
        }

        if (ParseDate(form.ValidUntil) is not { } validUntil)
        {
            return Invalid("validUntil", "Give the validity date as yyyy-MM-dd.");
        }

        var today = Today;
        var last = today.AddDays(ValidityHorizonDays) < request.DeliveryDate ? today.AddDays(ValidityHorizonDays) : request.DeliveryDate;
        if (validUntil < today || validUntil > last)
        {
            return new ApplianceRefusal(400, ApplianceProblems.ValidUntilOutOfWindow, $"A quote must be valid until a date from {today:yyyy-MM-dd} to {last:yyyy-MM-dd} (not after the delivery date).", "validUntil");
        }

        if (TrimNote(form.Note, "note") is { Refusal: { } noteRefusal })
        {
            return noteRefusal;
        }

        var now = time.GetUtcNow();
        if (request.Quote(price, validUntil, Blank(form.Note), now) is { } refusal)
        {
            return refusal;
        }

        Notify(request.BuyerId, request, now,
            $"商家已报价：{request.ListingTitleZh} 单价 {Yuan(price)} 元，{validUntil:yyyy-MM-dd} 前有效。",
            $"The merchant quoted {Yuan(price)} yuan a unit for {request.ListingTitleEn}, valid until {validUntil:yyyy-MM-dd}.");
        return await SaveAsync(request, now, cancellationToken);
    }

    /// <summary>The buyer or the merchant declines a request or a quote that was not accepted.</summary>
    /// <param name="userId">Who declines.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="form">Why.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public async Task<ApplianceResult<QuoteRequestView>> DeclineAsync(string userId, Guid requestId, DeclineForm form, CancellationToken cancellationToken)
    {
        var request = await db.QuoteRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }

        var by = request.BuyerId == userId ? "buyer" : request.MerchantId == userId ? "merchant" : null;
        if (by is null)
        {
            return new ApplianceRefusal(403, ApplianceProblems.NotYourRequest, "This request is someone else's.");
        }

        if (TrimNote(form.Reason, "reason") is { Refusal: { } reasonRefusal })
        {
            return reasonRefusal;
        }

        var now = time.GetUtcNow();
        if (request.Decline(by, Blank(form.Reason), now) is { } refusal)
        {
            return refusal;
        }

        if (by == "buyer")
        {
            Notify(request.MerchantId, request, now,
                $"{request.BuyerCompany} 已取消询价：{request.ListingTitleZh}。",
                $"{request.BuyerCompany} declined: {request.ListingTitleEn}.");
        }
        else
        {
            Notify(request.BuyerId, request, now,
                $"商家已谢绝询价：{request.ListingTitleZh}。",
                $"The merchant declined your request for {request.ListingTitleEn}.");
        }

        return await SaveAsync(request, now, cancellationToken);
    }

    /// <summary>
    /// The buyer accepts the quote before it expires, and it becomes an order at the quoted price. The moment of
    /// acceptance is one reading of the clock: accepted before the expiry, the quote is honoured even if placing the
    /// order takes longer. Repeating the acceptance returns the same order.
    /// </summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels before the order is placed.</param>
    public async Task<ApplianceResult<QuoteRequestView>> AcceptAsync(string buyerId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.QuoteRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }

        if (request.BuyerId != buyerId)
        {
            return new ApplianceRefusal(403, ApplianceProblems.NotYourRequest, "This request is another buyer's.");
        }

        var now = time.GetUtcNow();
        if (request.Status == QuoteStatus.Accepted)
        {
            return View(request, now);
        }

        if (request.Status != QuoteStatus.Accepting)
        {
            if (request.BeginAcceptance(now) is { } refusal)
            {
                return refusal;
            }

            // Claims the quote: a concurrent decline or acceptance that saved first wins, and this one answers by its result.
            if (!await TrySaveAsync(cancellationToken))
            {
                return await AfterConflictAsync(buyerId, requestId, cancellationToken);
            }
        }

        var placed = await orders.PlaceAsync(
            new PlaceOrderRequest
            {
                BuyerId = request.BuyerId,
                MarketId = ApplianceMarketDescriptor.MarketId,
                Lines = [new PlaceOrderLine { ListingId = request.ListingId, Quantity = request.Quantity, UnitPrice = Money.FromFen(request.UnitPriceMinor!.Value) }],
            },
            OrderKey(request.Id),
            CancellationToken.None);
        now = time.GetUtcNow();
        if (!placed.Succeeded)
        {
            if (placed.Failure!.Code == PlaceOrderFailureCode.IdempotencyInProgress)
            {
                return new ApplianceRefusal(409, ApplianceProblems.WrongState, "The quote is being accepted; look again in a moment.");
            }

            request.AbandonAcceptance(now);
            await TrySaveAsync(CancellationToken.None);
            return new ApplianceRefusal(409, ApplianceProblems.OrderNotPlaced, $"The order could not be placed: {placed.Failure.Message}");
        }

        request.CompleteAcceptance(placed.Orders[0].Id, now);
        Notify(request.MerchantId, request, now,
            $"{request.BuyerCompany} 已接受报价并下单：{request.ListingTitleZh} {request.Quantity} 件。",
            $"{request.BuyerCompany} accepted your quote and ordered {request.Quantity} units of {request.ListingTitleEn}.");
        if (!await TrySaveAsync(CancellationToken.None))
        {
            return await AfterConflictAsync(buyerId, requestId, cancellationToken);
        }

        return View(request, now);
    }

    /// <summary>One request, to its buyer or its merchant.</summary>
    /// <param name="userId">Who asks.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ApplianceResult<QuoteRequestView>> GetAsync(string userId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.QuoteRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }

        return request.BuyerId == userId || request.MerchantId == userId
            ? View(request, time.GetUtcNow())
            : new ApplianceRefusal(403, ApplianceProblems.NotYourRequest, "This request is someone else's.");
    }

    /// <summary>The requests a buyer made, newest first.</summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<QuoteRequestView>> OfBuyerAsync(string buyerId, CancellationToken cancellationToken)
        => Views(await db.QuoteRequests.AsNoTracking().Where(r => r.BuyerId == buyerId).ToListAsync(cancellationToken));

    /// <summary>The requests addressed to a merchant, newest first.</summary>
    /// <param name="merchantId">The merchant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<QuoteRequestView>> OfMerchantAsync(string merchantId, CancellationToken cancellationToken)
        => Views(await db.QuoteRequests.AsNoTracking().Where(r => r.MerchantId == merchantId).ToListAsync(cancellationToken));

    /// <summary>A user's notifications, newest first; optionally marks the unread ones read.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="markRead">Whether to mark them read after reading.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<NotificationView>> NotificationsAsync(string userId, bool markRead, CancellationToken cancellationToken)
    {
        var rows = await db.Notifications.Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(50).ToListAsync(cancellationToken);
        var views = rows.Select(n => new NotificationView(n.Id, n.RequestId, n.TextZh, n.TextEn, n.CreatedAt, n.Read)).ToList();
        if (markRead && rows.Any(n => !n.Read))
        {
            await db.Notifications.Where(n => n.UserId == userId && !n.Read).ExecuteUpdateAsync(s => s.SetProperty(n => n.Read, true), cancellationToken);
        }

        return views;
    }

    /// <summary>How many unread notifications a user has.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<int> UnreadAsync(string userId, CancellationToken cancellationToken)
        => db.Notifications.CountAsync(n => n.UserId == userId && !n.Read, cancellationToken);

    private async Task<ApplianceResult<QuoteRequestView>> SaveAsync(QuoteRequest request, DateTimeOffset now, CancellationToken cancellationToken)
        => await TrySaveAsync(cancellationToken)
            ? View(request, now)
            : new ApplianceRefusal(409, ApplianceProblems.WrongState, "The request changed meanwhile; nothing was changed. Look at it again.");

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    // Another acceptance or a decline saved first: answer as a repeat would, by the request as it now stands.
    private async Task<ApplianceResult<QuoteRequestView>> AfterConflictAsync(string buyerId, Guid requestId, CancellationToken cancellationToken)
    {
        var current = await db.QuoteRequests.AsNoTracking().FirstAsync(r => r.Id == requestId, cancellationToken);
        var now = time.GetUtcNow();
        return current.Status switch
        {
            QuoteStatus.Accepted when current.BuyerId == buyerId => View(current, now),
            QuoteStatus.Accepting => new ApplianceRefusal(409, ApplianceProblems.WrongState, "The quote is being accepted; look again in a moment."),
            _ => new ApplianceRefusal(409, ApplianceProblems.WrongState, $"Quote request {requestId} is {current.StateAt(now)}; it cannot be accepted."),
        };
    }

    private void Notify(string userId, QuoteRequest request, DateTimeOffset now, string zh, string en)
        => db.Notifications.Add(new QuoteNotification { UserId = userId, RequestId = request.Id, TextZh = Clip(zh, 400), TextEn = Clip(en, 400), CreatedAt = now });

    private List<QuoteRequestView> Views(List<QuoteRequest> requests)
    {
        var now = time.GetUtcNow();
        return requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => View(r, now)).ToList();
    }

    private static QuoteRequestView View(QuoteRequest r, DateTimeOffset now) => new(
        r.Id, r.ListingId, r.ListingTitleZh, r.ListingTitleEn, r.MerchantId, r.BuyerId, r.BuyerCompany, r.Quantity, r.Unit, r.DeliveryDate,
        r.BuyerNote, r.RetailPriceMinor, r.StateAt(now), r.UnitPriceMinor, r.UnitPriceMinor * r.Quantity, r.ValidUntil, r.ExpiresAt,
        r.MerchantNote, r.DeclinedBy, r.DeclineReason, r.OrderId, r.CreatedAt, r.UpdatedAt);

    private static ApplianceRefusal NotFound(Guid id) => new(404, ApplianceProblems.RequestNotFound, $"There is no quote request {id}.");

    private static ApplianceRefusal Invalid(string field, string detail) => new(400, ApplianceProblems.InvalidInput, detail, field);

    private static ApplianceResult<string?> TrimNote(string? note, string field)
        => note is { Length: > MaxNoteLength } ? Invalid(field, $"At most {MaxNoteLength} characters.") : note;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Clip(string text, int max = 300) => text.Length <= max ? text : text[..max];

    private static DateOnly? ParseDate(string? text)
        => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Fen as yuan with two decimals.</summary>
    /// <param name="fen">The amount.</param>
    public static string Yuan(long fen) => string.Create(CultureInfo.InvariantCulture, $"{fen / 100:N0}.{Math.Abs(fen % 100):00}");
}
