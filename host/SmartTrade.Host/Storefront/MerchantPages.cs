using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Host.Storefront.Components.Pages;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Markets;
using SmartTrade.Platform.Orders;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// The merchant's side of the storefront: a dashboard, creating and editing listings (with images, against the
/// market's schema, through the same <see cref="ListingCommands"/> and <see cref="ListingGallery"/> as the API), and
/// shipping, delivering and refunding orders (<see cref="OrderFulfilment"/>). A listing or order of another merchant
/// is "not found".
/// </summary>
public static class MerchantPages
{
    private static readonly LocalizedText DashboardTitle = new("商家中心", "Merchant centre");
    private static readonly LocalizedText NewListingTitle = new("发布商品", "New listing");

    internal static void MapMerchantPages(this WebApplication app)
    {
        var merchant = app.MapGroup("/merchant").ExcludeFromDescription().RequireAuthorization(Roles.Merchant);
        merchant.MapGet("/", DashboardAsync)
            .WithNavigation(new NavigationEntry("/merchant", DashboardTitle, NavigationArea.Account, 30, Roles.Merchant));
        merchant.MapGet("/listings/new", NewListing)
            .WithNavigation(new NavigationEntry("/merchant/listings/new", NewListingTitle, NavigationArea.Account, 31, Roles.Merchant));
        merchant.MapPost("/listings/new", CreateAsync).RequireFormToken();
        merchant.MapGet("/listings/{id:guid}/edit", EditAsync);
        merchant.MapPost("/listings/{id:guid}/edit", SaveAsync).RequireFormToken();
        merchant.MapPost("/listings/{id:guid}/publish", (Guid id, HttpContext http, CancellationToken ct)
            => ChangeStatusAsync(id, http, (c, m, ct2) => c.PublishAsync(m, id, ListingPrecondition.Any, ct2), "published", ct)).RequireFormToken();
        merchant.MapPost("/listings/{id:guid}/suspend", (Guid id, HttpContext http, CancellationToken ct)
            => ChangeStatusAsync(id, http, (c, m, ct2) => c.SuspendAsync(m, id, ListingPrecondition.Any, ct2), "suspended", ct)).RequireFormToken();
        merchant.MapPost("/listings/{id:guid}/delete", DeleteAsync).RequireFormToken();
        merchant.MapPost("/listings/{id:guid}/images", AddImageAsync).RequireFormToken();
        merchant.MapPost("/listings/{id:guid}/images/{imageId:guid}/delete", RemoveImageAsync).RequireFormToken();
        merchant.MapGet("/orders/{id:guid}", OrderAsync);
        merchant.MapPost("/orders/{id:guid}/ship", ShipAsync).RequireFormToken();
        merchant.MapPost("/orders/{id:guid}/deliver", DeliverAsync).RequireFormToken();
        merchant.MapPost("/orders/{id:guid}/refund", RefundAsync).RequireFormToken();
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    // Notices after a redirect (?done=...), so a reload does not post again.
    private static string? Notice(string? done) => done switch
    {
        "created" => T("商品已创建。", "The listing was created."),
        "saved" => T("修改已保存。", "Your changes were saved."),
        "published" => T("商品已上架。", "The listing is published."),
        "suspended" => T("商品已下架。", "The listing is suspended."),
        "deleted" => T("商品已删除。", "The listing was deleted."),
        "image-added" => T("图片已添加。", "The image was added."),
        "image-removed" => T("图片已删除。", "The image was removed."),
        "image-failed" => T("商品已创建，但图片没有保存，请在下方重新上传。", "The listing was created but its image was not saved; upload it again below."),
        "shipped" => T("已发货，买家会看到物流单号。", "Shipped; the buyer sees the tracking number."),
        "delivered" => T("已标记为送达。", "Marked as delivered."),
        "refunded" => T("退款已完成。", "The refund went through."),
        _ => null,
    };

    private static async Task<IResult> DashboardAsync(string? done, ClaimsPrincipal user, PlatformDbContext db, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var listings = await db.Set<ListingEntity>().AsNoTracking().Where(l => l.MerchantId == me)
            .OrderByDescending(l => l.Id).Take(500).ToListAsync(cancellationToken);
        var counts = await db.Set<ListingEntity>().Where(l => l.MerchantId == me).GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var toShip = await db.Set<OrderEntity>().AsNoTracking().Include(o => o.Lines)
            .Where(o => o.MerchantId == me && (o.Status == OrderStatus.Paid || (o.Status == OrderStatus.PartiallyRefunded && o.ShippedAt == null)))
            .OrderBy(o => o.Id).Take(200).ToListAsync(cancellationToken);
        var recent = await db.Set<OrderEntity>().AsNoTracking().Include(o => o.Lines)
            .Where(o => o.MerchantId == me).OrderByDescending(o => o.Id).Take(20).ToListAsync(cancellationToken);
        return pages.Page<MerchantDashboard>(DashboardTitle, new Dictionary<string, object?>
        {
            [nameof(MerchantDashboard.Listings)] = listings.Select(l => l.ToListing()).ToList(),
            [nameof(MerchantDashboard.StatusCounts)] = counts,
            [nameof(MerchantDashboard.ToShip)] = toShip.Select(o => o.ToOrder()).ToList(),
            [nameof(MerchantDashboard.Recent)] = recent.Select(o => o.ToOrder()).ToList(),
            [nameof(MerchantDashboard.Markets)] = markets.Enabled(),
            [nameof(MerchantDashboard.Notice)] = Notice(done),
        });
    }

    private static IResult NewListing(string? market, MarketDirectory markets, IStorefrontPages pages)
    {
        var chosen = string.IsNullOrEmpty(market) ? null : markets.Find(market);
        var form = chosen is null ? new ListingForm() : new ListingForm { MarketId = chosen.Id, Unit = chosen.Units.FirstOrDefault()?.Code };
        return Editor(pages, markets, chosen, null, form, null, chosen is null && !string.IsNullOrEmpty(market) ? UnknownMarket() : null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        MarketDirectory markets,
        ListingCommands commands,
        ListingGallery gallery,
        IStorefrontPages pages,
        CancellationToken cancellationToken)
    {
        var fields = await request.ReadFormAsync(cancellationToken);
        var form = ListingForm.Read(fields);
        var market = form.MarketId is null ? null : markets.Find(form.MarketId);
        if (market is null)
        {
            return Editor(pages, markets, null, null, new ListingForm(), null, UnknownMarket(), StatusCodes.Status422UnprocessableEntity);
        }

        var (input, errors) = form.ToInput(market);
        var image = fields.Files.GetFile(ListingGallery.Field);
        if (image is { Length: > 0 } && (await ListingGallery.InspectAsync(image, cancellationToken)).Refusal is { } imageRefusal)
        {
            errors.Report(ListingGallery.Field, imageRefusal.Detail);
        }

        var me = UserId(user);
        var outcome = errors.Count == 0 ? await commands.CreateAsync(me, input, cancellationToken) : null;
        if (outcome?.Listing is not { } created)
        {
            // Everything wrong at once: what could not be read, and what the market's schema says of the rest.
            foreach (var (field, messages) in outcome?.Refusal?.Errors ?? ListingValidation.Validate(input, markets.Find).Errors)
            {
                if (!errors.ContainsKey(field))
                {
                    errors[field] = messages;
                }
            }

            return Editor(pages, markets, market, null, form, errors, null, StatusCodes.Status422UnprocessableEntity, imageChosen: image is { Length: > 0 });
        }

        var done = "created";
        if (image is { Length: > 0 } && (await gallery.AddAsync(me, created.Id, image, ListingPrecondition.Any, cancellationToken)).Refusal is not null)
        {
            done = "image-failed";
        }

        if (form.Publish)
        {
            await commands.PublishAsync(me, created.Id, ListingPrecondition.Any, cancellationToken);
        }

        return Results.LocalRedirect($"/merchant/listings/{created.Id}/edit?done={done}");
    }

    private static async Task<IResult> EditAsync(Guid id, string? done, ClaimsPrincipal user, ICatalog catalog, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var listing = await catalog.GetAsync(id, cancellationToken);
        if (listing is null || listing.MerchantId != UserId(user))
        {
            return ShopPages.NotFound(pages);
        }

        return await EditPageAsync(listing, markets, pages, ListingForm.From(listing), null, Notice(done), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        ICatalog catalog,
        MarketDirectory markets,
        ListingCommands commands,
        IStorefrontPages pages,
        CancellationToken cancellationToken)
    {
        var listing = await catalog.GetAsync(id, cancellationToken);
        if (listing is null || listing.MerchantId != UserId(user))
        {
            return ShopPages.NotFound(pages);
        }

        var form = ListingForm.Read(await request.ReadFormAsync(cancellationToken));
        form.MarketId = listing.MarketId;
        if (markets.Find(listing.MarketId) is not { } market)
        {
            return MarketOff(pages);
        }

        var (input, errors) = form.ToInput(market);
        if (!long.TryParse(form.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return await EditPageAsync(listing, markets, pages, form, null, null, Stale(), StatusCodes.Status409Conflict);
        }

        var outcome = errors.Count == 0 ? await commands.ReplaceAsync(UserId(user), id, input, ListingPrecondition.Version(version), cancellationToken) : null;
        switch (outcome)
        {
            case { Listing: not null }:
                return Results.LocalRedirect($"/merchant/listings/{id}/edit?done=saved");
            case { Refusal.Status: 404 or 403 }:
                return ShopPages.NotFound(pages);
            case { Refusal.Status: 412 }:
                // The user's values stay on the form to copy from, with the version they read: saving again is
                // refused until they open the listing as it is now.
                return await EditPageAsync(listing, markets, pages, form, null, null, Stale(), StatusCodes.Status409Conflict);
        }

        foreach (var (field, messages) in outcome?.Refusal?.Errors ?? ListingValidation.Validate(input, markets.Find).Errors)
        {
            if (!errors.ContainsKey(field))
            {
                errors[field] = messages;
            }
        }

        return await EditPageAsync(listing, markets, pages, form, errors, null, null, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ChangeStatusAsync(
        Guid id,
        HttpContext http,
        Func<ListingCommands, string, CancellationToken, Task<ListingOutcome>> change,
        string done,
        CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var outcome = await change(services.GetRequiredService<ListingCommands>(), UserId(http.User), cancellationToken);
        return await AfterListingChangeAsync(id, http, outcome, $"/merchant/listings/{id}/edit?done={done}", cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, ListingCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.DeleteAsync(UserId(http.User), id, ListingPrecondition.Any, cancellationToken);
        return await AfterListingChangeAsync(id, http, outcome, "/merchant?done=deleted", cancellationToken);
    }

    private static async Task<IResult> AddImageAsync(Guid id, HttpRequest request, ListingGallery gallery, CancellationToken cancellationToken)
    {
        var fields = await request.ReadFormAsync(cancellationToken);
        var outcome = await gallery.AddAsync(UserId(request.HttpContext.User), id, fields.Files.GetFile(ListingGallery.Field), ListingPrecondition.Any, cancellationToken);
        return await AfterListingChangeAsync(id, request.HttpContext, outcome, $"/merchant/listings/{id}/edit?done=image-added#images", cancellationToken, ListingGallery.Field);
    }

    private static async Task<IResult> RemoveImageAsync(Guid id, Guid imageId, HttpContext http, ListingGallery gallery, CancellationToken cancellationToken)
    {
        var outcome = await gallery.RemoveAsync(UserId(http.User), id, imageId, cancellationToken);
        return await AfterListingChangeAsync(id, http, outcome, $"/merchant/listings/{id}/edit?done=image-removed#images", cancellationToken);
    }

    /// <summary>After a button on the edit page: on to <paramref name="next"/>, or the edit page again with why not.</summary>
    private static async Task<IResult> AfterListingChangeAsync(Guid id, HttpContext http, ListingOutcome outcome, string next, CancellationToken cancellationToken, string? field = null)
    {
        var pages = http.RequestServices.GetRequiredService<IStorefrontPages>();
        if (outcome.Refusal is null)
        {
            return Results.LocalRedirect(next);
        }

        var listing = await http.RequestServices.GetRequiredService<ICatalog>().GetAsync(id, cancellationToken);
        if (outcome.Refusal.Status is 404 or 403 || listing is null || listing.MerchantId != UserId(http.User))
        {
            return ShopPages.NotFound(pages);
        }

        var markets = http.RequestServices.GetRequiredService<MarketDirectory>();
        if (field is not null)
        {
            var errors = new FieldErrors();
            errors.Report(field, outcome.Refusal.Errors?.GetValueOrDefault(field)?.FirstOrDefault() ?? outcome.Refusal.Detail);
            return await EditPageAsync(listing, markets, pages, ListingForm.From(listing), errors, null, null, outcome.Refusal.Status);
        }

        return await EditPageAsync(listing, markets, pages, ListingForm.From(listing), null, null, outcome.Refusal.Detail.Get(), outcome.Refusal.Status);
    }

    private static Task<IResult> EditPageAsync(Listing listing, MarketDirectory markets, IStorefrontPages pages, ListingForm form, FieldErrors? errors, string? notice, string? error, int status)
    {
        if (markets.Find(listing.MarketId) is not { } market)
        {
            return Task.FromResult(MarketOff(pages));
        }

        return Task.FromResult(Editor(pages, markets, market, listing, form, errors, error, status, notice: notice));
    }

    private static IResult Editor(
        IStorefrontPages pages,
        MarketDirectory markets,
        Sdk.Markets.MarketDescriptor? market,
        Listing? listing,
        ListingForm form,
        FieldErrors? errors,
        string? error,
        int status,
        string? notice = null,
        bool imageChosen = false)
        => pages.Page<ListingEditor>(listing is null ? NewListingTitle : new LocalizedText("编辑商品", "Edit listing"), new Dictionary<string, object?>
        {
            [nameof(ListingEditor.Markets)] = markets.Enabled(),
            [nameof(ListingEditor.Market)] = market,
            [nameof(ListingEditor.Listing)] = listing,
            [nameof(ListingEditor.Form)] = form,
            [nameof(ListingEditor.Errors)] = errors?.InCurrentCulture(),
            [nameof(ListingEditor.Error)] = error ?? (errors is { Count: > 0 } ? T("请修改下面标出的内容。", "Correct the fields marked below.") : null),
            [nameof(ListingEditor.Notice)] = notice,
            [nameof(ListingEditor.ImageChosen)] = imageChosen,
        }, status);

    private static string UnknownMarket() => T("请选择一个启用的市场。", "Choose one of the enabled markets.");

    private static string Stale() => T(
        "这个商品在您打开表单之后已被修改（可能在另一个窗口，或因买家下单改变了库存），您的修改没有保存。下面保留了您填写的内容；请重新打开编辑页核对后再保存。",
        "This listing changed after you opened the form (in another window, or an order changed its stock), so your changes were not saved. What you entered is kept below; open the edit page again, check the listing and save again.");

    private static IResult MarketOff(IStorefrontPages pages) => pages.Message(
        StatusCodes.Status409Conflict,
        new LocalizedText("市场已停用", "Market turned off"),
        new LocalizedText("这个商品所在的市场目前没有启用，暂时不能编辑。", "The market of this listing is not enabled at the moment, so it cannot be edited."));

    private static async Task<IResult> OrderAsync(Guid id, string? done, ClaimsPrincipal user, PlatformDbContext db, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
        => await OrderPageAsync(id, user, db, markets, pages, new OrderPageState(Notice: Notice(done)), StatusCodes.Status200OK, cancellationToken);

    private sealed record OrderPageState(
        FieldErrors? Errors = null,
        string? Error = null,
        string? Notice = null,
        string? TrackingNumber = null,
        string? Carrier = null,
        string? Amount = null,
        string? Reason = null);

    private static async Task<IResult> OrderPageAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, MarketDirectory markets, IStorefrontPages pages, OrderPageState state, int status, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var order = await db.Set<OrderEntity>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id && o.MerchantId == me, cancellationToken);
        if (order is null)
        {
            return ShopPages.NotFound(pages);
        }

        return pages.Page<MerchantOrder>(new LocalizedText($"订单 {order.Number}", $"Order {order.Number}"), new Dictionary<string, object?>
        {
            [nameof(MerchantOrder.Order)] = order.ToOrder(),
            [nameof(MerchantOrder.Market)] = markets.Find(order.MarketId),
            [nameof(MerchantOrder.Errors)] = state.Errors?.InCurrentCulture(),
            [nameof(MerchantOrder.Error)] = state.Error,
            [nameof(MerchantOrder.Notice)] = state.Notice,
            [nameof(MerchantOrder.TrackingNumber)] = state.TrackingNumber,
            [nameof(MerchantOrder.Carrier)] = state.Carrier,
            [nameof(MerchantOrder.Amount)] = state.Amount,
            [nameof(MerchantOrder.Reason)] = state.Reason,
        }, status);
    }

    private static async Task<IResult> ShipAsync(Guid id, HttpRequest request, OrderFulfilment fulfilment, PlatformDbContext db, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var fields = await request.ReadFormAsync(cancellationToken);
        var (tracking, carrier) = (fields["TrackingNumber"].ToString(), fields["Carrier"].ToString());
        var outcome = await fulfilment.ShipAsync(UserId(request.HttpContext.User), id, tracking, carrier, cancellationToken);
        return await AfterOrderStepAsync(id, request.HttpContext.User, outcome, "shipped", db, markets, pages,
            new OrderPageState(TrackingNumber: tracking, Carrier: carrier), T("这个订单现在不能发货（可能已发货或已取消）。", "This order cannot be shipped now (it may be shipped or cancelled already)."), cancellationToken);
    }

    private static async Task<IResult> DeliverAsync(Guid id, ClaimsPrincipal user, OrderFulfilment fulfilment, PlatformDbContext db, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var outcome = await fulfilment.DeliverAsync(UserId(user), id, cancellationToken);
        return await AfterOrderStepAsync(id, user, outcome, "delivered", db, markets, pages,
            new OrderPageState(), T("这个订单现在不能标记为送达。", "This order cannot be marked as delivered now."), cancellationToken);
    }

    private static async Task<IResult> RefundAsync(Guid id, HttpRequest request, OrderFulfilment fulfilment, PlatformDbContext db, MarketDirectory markets, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var fields = await request.ReadFormAsync(cancellationToken);
        var (amount, reason) = (fields["Amount"].ToString(), fields["Reason"].ToString());
        var user = request.HttpContext.User;
        var state = new OrderPageState(Amount: amount, Reason: reason);
        if (!YuanInput.TryParse(amount, out var fen))
        {
            var errors = new FieldErrors();
            errors.Report("amountMinor", "请按元填写退款金额，最多两位小数，例如 25.50。", "Enter the amount in yuan with at most two decimals, e.g. 25.50.");
            return await OrderPageAsync(id, user, db, markets, pages, state with { Errors = errors }, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var outcome = await fulfilment.RefundAsync(UserId(user), isAdmin: false, id, fen, reason, cancellationToken);
        if (outcome.Refusal is { Status: 422 } tooMuch)
        {
            var errors = new FieldErrors();
            errors.Report("amountMinor", "退款金额超过了可退金额。", "The amount is more than what is left to refund.");
            return await OrderPageAsync(id, user, db, markets, pages, state with { Errors = errors }, tooMuch.Status, cancellationToken);
        }

        var notPossible = outcome.Refusal?.Status == 402
            ? T("支付网关没有完成退款，请稍后再试。", "The payment gateway did not complete the refund; try again later.")
            : T("这个订单现在不能退款。", "This order cannot be refunded now.");
        return await AfterOrderStepAsync(id, user, outcome, "refunded", db, markets, pages, state, notPossible, cancellationToken);
    }

    /// <summary>After a fulfilment form: on to the order page with a notice, or the page again with the errors and what was entered.</summary>
    private static async Task<IResult> AfterOrderStepAsync(
        Guid id,
        ClaimsPrincipal user,
        FulfilmentOutcome outcome,
        string done,
        PlatformDbContext db,
        MarketDirectory markets,
        IStorefrontPages pages,
        OrderPageState state,
        string notPossible,
        CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case { Refusal: null }:
                return Results.LocalRedirect($"/merchant/orders/{id}?done={done}");
            case { Refusal.Status: 404 or 403 }:
                return ShopPages.NotFound(pages);
            case { Errors.Count: > 0 }:
                return await OrderPageAsync(id, user, db, markets, pages, state with { Errors = outcome.Errors }, StatusCodes.Status422UnprocessableEntity, cancellationToken);
            default:
                db.ChangeTracker.Clear();
                return await OrderPageAsync(id, user, db, markets, pages, state with { Error = notPossible }, outcome.Refusal!.Status, cancellationToken);
        }
    }
}
