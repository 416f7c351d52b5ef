using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.WarehouseReceipts.Screen;

/// <summary>The storefront's trading screen: <c>/exchange</c> (every instrument) and <c>/exchange/{code}</c>.</summary>
public static class ExchangePages
{
    private static readonly LocalizedText Title = new("仓单交易", "Receipt exchange");

    /// <summary>Maps the pages and their menu entry.</summary>
    public static IEndpointRouteBuilder MapExchangeScreen(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/exchange").ExcludeFromDescription();
        pages.MapGet("/", Home).WithNavigation(new NavigationEntry("/exchange", Title, Order: 30));
        pages.MapGet("/{code}", ScreenAsync);
        pages.MapPost("/{code}/orders", PlaceAsync).RequireAuthorization(Roles.Trader);
        pages.MapPost("/orders/{id:long}/cancel", CancelAsync).RequireAuthorization(Roles.Trader);
        return endpoints;
    }

    private static IResult Home(ExchangeService exchange, IStorefrontPages pages)
    {
        var rows = exchange.InstrumentsById.Values.OrderBy(i => i.Code, StringComparer.Ordinal)
            .Select(i => (i, exchange.MarketData.Snapshot(i.Id))).ToList();
        return pages.Page<ExchangeHome>(Title, new Dictionary<string, object?>
        {
            [nameof(ExchangeHome.Rows)] = rows,
            [nameof(ExchangeHome.Calendar)] = exchange.IsRunning ? exchange.Sequencer.Calendar : TradingCalendar.Default,
        });
    }

    private static Task<IResult> ScreenAsync(string code, string? interval, string? placed, HttpContext http, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, IStorefrontPages pages, CancellationToken cancellationToken)
        => RenderAsync(code, interval, http, exchange, accounts, orders, pages, new ExchangeScreen.OrderForm(), new Dictionary<string, string>(),
            placed is null ? null : T($"委托 {placed} 已提交。", $"Order {placed} placed."), StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> PlaceAsync(string code, [FromForm] ExchangeScreen.OrderForm form, HttpContext http, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        if (!exchange.InstrumentsByCode.TryGetValue(code, out var instrument))
        {
            return pages.Message(StatusCodes.Status404NotFound, Title, new LocalizedText("没有这个合约。", "No such instrument."));
        }
        var errors = new Dictionary<string, string>();
        bool market = form.Type == "market";
        long? price = Quotes.ParseYuan(form.Price);
        long? quantity = Quotes.ParseTonnes(form.Quantity);
        if (price is null && !(market && string.IsNullOrWhiteSpace(form.Price)))
        {
            errors["price"] = T("请输入价格，最多两位小数。", "Enter a price with at most two decimals.");
        }
        if (quantity is null or <= 0)
        {
            errors["quantity"] = T("请输入数量（吨）。", "Enter a quantity in tonnes.");
        }
        Side? side = form.Side switch { "buy" => Side.Buy, "sell" => Side.Sell, _ => null };
        TimeInForce? tif = form.TimeInForce switch { "gtc" => TimeInForce.Gtc, "day" => TimeInForce.Day, "ioc" => TimeInForce.Ioc, "fok" => TimeInForce.Fok, _ => null };
        if (side is null || tif is null || form.Type is not ("limit" or "market"))
        {
            errors[""] = T("请选择方向、类型和有效期。", "Choose a side, a type and a time in force.");
        }
        if (errors.Count == 0)
        {
            long traderId = await accounts.GetOrOpenAsync(UserId(http.User), cancellationToken);
            var command = market
                ? ExchangeCommand.Market(traderId, instrument.Id, side!.Value, quantity!.Value, price ?? 0)
                : ExchangeCommand.Limit(traderId, instrument.Id, side!.Value, price!.Value, quantity!.Value, tif!.Value);
            ExchangeReply reply;
            try
            {
                reply = (await exchange.Sequencer.SubmitAsync(command)).Reply;
            }
            catch (ExchangeUnavailableException)
            {
                return Unavailable(pages);
            }
            if (reply.Succeeded)
            {
                return Results.Redirect($"/exchange/{instrument.Code}?placed={reply.OrderId}", permanent: false, preserveMethod: false);
            }
            errors[FieldOf(reply.Error)] = Describe(reply.Error, instrument);
        }
        return await RenderAsync(code, null, http, exchange, accounts, orders, pages, form, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    private static async Task<IResult> CancelAsync(long id, [FromForm] string? returnTo, HttpContext http, ExchangeService exchange, ITraderAccounts accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        long traderId = await accounts.GetOrOpenAsync(UserId(http.User), cancellationToken);
        ExchangeReply reply;
        try
        {
            reply = (await exchange.Sequencer.SubmitAsync(ExchangeCommand.Cancel(traderId, id))).Reply;
        }
        catch (ExchangeUnavailableException)
        {
            return Unavailable(pages);
        }
        if (!reply.Succeeded)
        {
            return pages.Message(TradingEndpoints.StatusOf(reply.Error), Title, new LocalizedText(Describe(reply.Error, null, english: false), Describe(reply.Error, null, english: true)));
        }
        var back = returnTo is not null && exchange.InstrumentsByCode.ContainsKey(returnTo) ? $"/exchange/{Uri.EscapeDataString(returnTo)}" : "/exchange";
        return Results.Redirect(back, permanent: false, preserveMethod: false);
    }

    // Not acknowledged (the exchange is changing owner, or failed): nothing was placed or cancelled; the trader may retry.
    private static IResult Unavailable(IStorefrontPages pages) => pages.Message(
        StatusCodes.Status503ServiceUnavailable, Title,
        new LocalizedText("交易所暂时不可用，委托未被受理，请稍后重试。", "The exchange is not available right now; the order was not taken. Try again shortly."));

    private static async Task<IResult> RenderAsync(
        string code, string? interval, HttpContext http, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, IStorefrontPages pages,
        ExchangeScreen.OrderForm form, Dictionary<string, string> errors, string? message, int status, CancellationToken cancellationToken)
    {
        if (!exchange.InstrumentsByCode.TryGetValue(code, out var instrument))
        {
            return pages.Message(StatusCodes.Status404NotFound, Title, new LocalizedText("没有这个合约。", "No such instrument."));
        }
        interval = interval is "1m" or "5m" or "1h" or "1d" ? interval : "5m";
        var candleInterval = interval switch { "1m" => CandleInterval.OneMinute, "1h" => CandleInterval.OneHour, "1d" => CandleInterval.OneDay, _ => CandleInterval.FiveMinutes };
        bool isTrader = http.User.IsInRole(Roles.Trader);
        IReadOnlyList<TraderOrder> mine = [];
        var account = new TradingEndpoints.AccountView(0, 0, 0, []);
        if (isTrader && await accounts.FindAsync(UserId(http.User), cancellationToken) is { } traderId)
        {
            mine = orders.Of(traderId, includeClosed: true).Take(50).ToList();
            account = await TradingEndpoints.ReadAccountAsync(exchange, traderId);
        }
        return pages.Page<ExchangeScreen>(new LocalizedText($"{instrument.Code} 仓单交易", $"{instrument.Code} receipts"), new Dictionary<string, object?>
        {
            [nameof(ExchangeScreen.Instruments)] = exchange.InstrumentsById.Values.OrderBy(i => i.Code, StringComparer.Ordinal).ToList(),
            [nameof(ExchangeScreen.Instrument)] = instrument,
            [nameof(ExchangeScreen.Market)] = exchange.MarketData.Snapshot(instrument.Id),
            [nameof(ExchangeScreen.Tape)] = exchange.MarketData.Tape(instrument.Id, 30),
            [nameof(ExchangeScreen.Candles)] = exchange.MarketData.Candles(instrument.Id, candleInterval),
            [nameof(ExchangeScreen.Interval)] = interval,
            [nameof(ExchangeScreen.IsTrader)] = isTrader,
            [nameof(ExchangeScreen.Orders)] = mine,
            [nameof(ExchangeScreen.Account)] = account,
            [nameof(ExchangeScreen.Form)] = form,
            [nameof(ExchangeScreen.Errors)] = errors,
            [nameof(ExchangeScreen.Message)] = message,
        }, status);
    }

    private static string FieldOf(TradingError error) => error switch
    {
        TradingError.OffTick or TradingError.OutsidePriceLimit => "price",
        TradingError.InvalidQuantity or TradingError.AboveMaxOrderSize or TradingError.InsufficientReceipts => "quantity",
        _ => "",
    };

    /// <summary>The trader-facing message of an error, in the page's language.</summary>
    private static string Describe(TradingError error, TradingInstrument? instrument, bool? english = null)
    {
        var (zh, en) = error switch
        {
            TradingError.OffTick => ($"价格须为最小变动价位 {Quotes.Yuan(instrument?.TickSize ?? 100)} 元的整数倍。", $"The price must be a multiple of the tick, {Quotes.Yuan(instrument?.TickSize ?? 100)} yuan."),
            TradingError.OutsidePriceLimit => ("价格超出今日涨跌停范围。", "The price is outside today's limits."),
            TradingError.InvalidQuantity => ($"数量须为交易单位 {Quotes.Tonnes(instrument?.LotSize ?? 1000)} 吨的整数倍。", $"The quantity must be a multiple of the lot, {Quotes.Tonnes(instrument?.LotSize ?? 1000)} t."),
            TradingError.AboveMaxOrderSize => ("数量超过单笔委托上限。", "The quantity is above the largest order allowed."),
            TradingError.InsufficientCash => ("可用资金不足（含手续费）。", "Not enough free cash (fees included)."),
            TradingError.InsufficientReceipts => ("可卖仓单数量不足。", "Not enough free receipts to sell."),
            TradingError.SessionClosed => ("当前不在交易时间。", "The market is closed now."),
            TradingError.OrderNotFound => ("没有这笔未成交的委托。", "No open order with this number."),
            TradingError.NotYourOrder => ("这不是您的委托。", "That order is not yours."),
            _ => ("委托未被接受。", "The order was not accepted."),
        };
        return english switch { true => en, false => zh, null => T(zh, en) };
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");
}
