using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.RateLimiting;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>Maps users to the exchange's numeric trading accounts.</summary>
public interface ITraderAccounts
{
    /// <summary>The user's trading account, opened on first use.</summary>
    Task<long> GetOrOpenAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's trading account, or <see langword="null"/> when it has none yet.</summary>
    Task<long?> FindAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>
/// The exchange's HTTP API under <c>/api/v1/receipts/exchange</c>: market data (anonymous, with a live SSE stream),
/// order entry, cancel and amend, a trader's orders and account. Bad orders get problem details with a stable code
/// (<c>/problems/warehouse-receipts/{code}</c>) and change nothing.
/// </summary>
public static partial class TradingEndpoints
{
    private const string ProblemBase = "/problems/warehouse-receipts/";

    /// <summary>An order as a trader enters it. Prices in fen per tonne, quantities in kg.</summary>
    /// <param name="Instrument">Instrument code, e.g. <c>PP-T30S</c>.</param>
    /// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
    /// <param name="Type"><c>limit</c> (default) or <c>market</c>.</param>
    /// <param name="TimeInForce"><c>gtc</c> (default for limit), <c>day</c>, <c>ioc</c> or <c>fok</c>; market orders are always <c>ioc</c>.</param>
    /// <param name="Price">Limit price; for a market order the protection price (optional: the day's limit).</param>
    /// <param name="Quantity">Quantity, a multiple of the lot (1,000 kg).</param>
    public sealed record PlaceOrder(string? Instrument, string? Side, string? Type, string? TimeInForce, long? Price, long? Quantity);

    /// <summary>A change to a resting order: the new price and order quantity (pass the current one to keep it).</summary>
    public sealed record AmendOrder(long? Price, long? Quantity);

    /// <summary>An order as the API shows it.</summary>
    public sealed record OrderView(
        long OrderId, string Instrument, string Side, long Price, long Quantity, long Filled, long Remaining,
        long? AveragePrice, string State, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt);

    /// <summary>A trader's account: cash in fen and receipt positions in kg.</summary>
    public sealed record AccountView(long Cash, long FrozenCash, long FreeCash, IReadOnlyList<PositionView> Positions);

    /// <summary>A receipt position.</summary>
    public sealed record PositionView(string Instrument, long Quantity, long Frozen, long Free);

    /// <summary>An instrument's market as the API shows it.</summary>
    public sealed record MarketView(string Instrument, string Commodity, long TickSize, long LotSize, MarketSnapshot? Market);

    /// <summary>Maps the exchange's routes.</summary>
    public static IEndpointRouteBuilder MapExchange(this IEndpointRouteBuilder endpoints)
    {
        var exchange = endpoints.MapGroup("/api/v1/receipts/exchange").WithTags("Warehouse receipts exchange");
        exchange.WithExchangeUnavailableProblem();

        exchange.MapGet("/instruments", ListMarkets).WithName("ListExchangeInstruments")
            .WithSummary("Lists the instruments with their market: last, change, high, low, volume, turnover, limits and five levels each side.");
        exchange.MapGet("/instruments/{code}", GetMarket).WithName("GetExchangeInstrument")
            .WithSummary("One instrument's market.");
        exchange.MapGet("/instruments/{code}/trades", GetTrades).WithName("GetExchangeTrades")
            .WithSummary("The instrument's latest trades, newest first.");
        exchange.MapGet("/instruments/{code}/candles", GetCandles).WithName("GetExchangeCandles")
            .WithSummary("K-line candles (interval 1m, 5m, 1h or 1d) with open, high, low, close, volume and turnover.");
        exchange.MapGet("/instruments/{code}/stream", Stream).WithName("StreamExchangeMarket")
            .WithSummary("Server-Sent Events: 'market' (snapshot) and 'trade' events as they happen.");

        var trader = exchange.MapGroup("/").RequireAuthorization(Roles.Trader);
        trader.MapPost("/orders", PlaceAsync).WithRateLimit(RateLimitPolicies.ExchangeOrders).WithName("PlaceExchangeOrder")
            .WithSummary("Enters an order; answers once it is durable. An Idempotency-Key makes a retry return the first order (for the trading day).");
        trader.MapPost("/orders/batch", PlaceBatchAsync).WithRateLimit(RateLimitPolicies.ExchangeOrderBatches).WithName("PlaceExchangeOrderBatch")
            .Produces<BatchAnswer>()
            .WithSummary($"Enters up to {MaxBatchOrders} orders in one request, each checked and answered on its own once all are durable. An Idempotency-Key makes a retry return the first orders.");
        trader.MapGet("/orders", ListOrdersAsync).WithName("ListMyExchangeOrders")
            .WithSummary("The trader's open orders, then (all=true) the recent closed ones.");
        trader.MapGet("/orders/{id:long}", GetOrderAsync).WithName("GetMyExchangeOrder");
        trader.MapDelete("/orders/{id:long}", CancelAsync).WithName("CancelExchangeOrder")
            .WithSummary("Cancels the open part of the trader's order.");
        trader.MapPatch("/orders/{id:long}", AmendAsync).WithRateLimit(RateLimitPolicies.ExchangeOrders).WithName("AmendExchangeOrder")
            .WithSummary("Changes price and quantity: a smaller quantity keeps the order's priority, a new price loses it.");
        trader.MapGet("/account", GetAccountAsync).WithName("GetMyExchangeAccount")
            .WithSummary("The trader's cash (free and frozen) and receipt positions in trading.");
        return endpoints;
    }

    private static IResult ListMarkets(ExchangeService exchange) =>
        TypedResults.Ok(exchange.InstrumentsById.Values.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => View(exchange, i)).ToList());

    private static IResult GetMarket(string code, ExchangeService exchange) =>
        exchange.InstrumentsByCode.TryGetValue(code, out var instrument) ? TypedResults.Ok(View(exchange, instrument)) : UnknownInstrument(code);

    private static IResult GetTrades(string code, ExchangeService exchange, int? limit) =>
        exchange.InstrumentsByCode.TryGetValue(code, out var instrument)
            ? TypedResults.Ok(exchange.MarketData.Tape(instrument.Id, limit ?? 50))
            : UnknownInstrument(code);

    private static IResult GetCandles(string code, ExchangeService exchange, string? interval, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (!exchange.InstrumentsByCode.TryGetValue(code, out var instrument))
        {
            return UnknownInstrument(code);
        }
        CandleInterval? parsed = (interval ?? "1m") switch
        {
            "1m" => CandleInterval.OneMinute,
            "5m" => CandleInterval.FiveMinutes,
            "1h" => CandleInterval.OneHour,
            "1d" => CandleInterval.OneDay,
            _ => null,
        };
        if (parsed is null)
        {
            return Validation("interval", "Use 1m, 5m, 1h or 1d.");
        }
        if (from > to)
        {
            return Validation("from", "from must not be after to.");
        }
        return TypedResults.Ok(exchange.MarketData.Candles(instrument.Id, parsed.Value, from, to));
    }

    private static IResult Stream(string code, ExchangeService exchange, CancellationToken cancellationToken) =>
        exchange.InstrumentsByCode.TryGetValue(code, out var instrument)
            ? TypedResults.ServerSentEvents(StreamAsync(exchange, instrument, cancellationToken))
            : UnknownInstrument(code);

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(ExchangeService exchange, TradingInstrument instrument, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = exchange.MarketData.Subscribe(instrument.Id, cancellationToken);
        await foreach (var update in updates.ReadAllAsync(cancellationToken))
        {
            foreach (var trade in update.Trades)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(trade, JsonSerializerOptions.Web), "trade");
            }
            yield return new SseItem<string>(JsonSerializer.Serialize(update.Snapshot, JsonSerializerOptions.Web), "market");
        }
    }

    private static async Task<IResult> PlaceAsync(PlaceOrder? request, HttpRequest http, ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Validation("body", "Send the order as JSON.");
        }
        if (Parse(request, exchange, out var command) is { } invalid)
        {
            return TypedResults.Problem(invalid);
        }

        long traderId = await accounts.GetOrOpenAsync(UserId(user), cancellationToken);
        command = command with { TraderId = traderId };
        if (http.Headers.TryGetValue("Idempotency-Key", out var key) && !string.IsNullOrEmpty(key))
        {
            command = command with { ClientKey = ClientKey(key!) };
        }
        var result = await exchange.Sequencer.SubmitAsync(command);
        return Answer(result.Reply, command, exchange, orders, time) switch
        {
            { Problem: { } problem } => TypedResults.Problem(problem),
            { Status: StatusCodes.Status201Created, Order: { } order } => TypedResults.Created($"/api/v1/receipts/exchange/orders/{order.OrderId}", order),
            { Order: { } order } => TypedResults.Ok(order),
            _ => Problem(TradingError.OrderNotFound, null),
        };
    }

    /// <summary>
    /// Checks an order as entered and builds its command (for trader 0: the caller sets the trader), or says what is
    /// wrong with it as problem details, exactly as a single order entry answers.
    /// </summary>
    private static ProblemDetails? Parse(PlaceOrder request, ExchangeService exchange, out ExchangeCommand command)
    {
        command = default;
        var errors = new Dictionary<string, string[]>();
        TradingInstrument? instrument = null;
        if (string.IsNullOrWhiteSpace(request.Instrument))
        {
            errors["instrument"] = ["Name the instrument, e.g. PP-T30S."];
        }
        else if (!exchange.InstrumentsByCode.TryGetValue(request.Instrument, out instrument))
        {
            return ProblemOf(TradingError.UnknownInstrument, $"No instrument '{request.Instrument}'.");
        }
        Side? side = request.Side?.ToLowerInvariant() switch { "buy" => Side.Buy, "sell" => Side.Sell, _ => null };
        if (side is null)
        {
            errors["side"] = ["Use buy or sell."];
        }
        OrderType? type = (request.Type ?? "limit").ToLowerInvariant() switch { "limit" => OrderType.Limit, "market" => OrderType.Market, _ => null };
        if (type is null)
        {
            errors["type"] = ["Use limit or market."];
        }
        TimeInForce? tif = (request.TimeInForce ?? (type == OrderType.Market ? "ioc" : "gtc")).ToLowerInvariant() switch
        {
            "gtc" => Trading.TimeInForce.Gtc,
            "day" => Trading.TimeInForce.Day,
            "ioc" => Trading.TimeInForce.Ioc,
            "fok" => Trading.TimeInForce.Fok,
            _ => null,
        };
        if (tif is null)
        {
            errors["timeInForce"] = ["Use gtc, day, ioc or fok."];
        }
        if (request.Quantity is null)
        {
            errors["quantity"] = ["Give the quantity in kg."];
        }
        if (type == OrderType.Limit && request.Price is null)
        {
            errors["price"] = ["A limit order needs a price in fen per tonne."];
        }
        if (request.Price is < 0 || (type == OrderType.Limit && request.Price == 0))
        {
            errors["price"] = ["The price must be positive."];
        }
        if (errors.Count > 0)
        {
            return new HttpValidationProblemDetails(errors) { Type = ProblemTypes.Validation, Status = StatusCodes.Status400BadRequest };
        }

        command = type == OrderType.Market
            ? ExchangeCommand.Market(0, instrument!.Id, side!.Value, request.Quantity!.Value, request.Price ?? 0)
            : ExchangeCommand.Limit(0, instrument!.Id, side!.Value, request.Price!.Value, request.Quantity!.Value, tif!.Value);
        return null;
    }

    /// <summary>
    /// What the exchange's reply to a new order means for its caller: 201 with the order, 200 with the first order of a
    /// repeated key, or a problem. The order is read from the trader's order views; one that already left them (an IOC
    /// order closed at once among thousands of others) is described from the command and the reply instead.
    /// </summary>
    private static (int Status, OrderView? Order, ProblemDetails? Problem) Answer(ExchangeReply reply, in ExchangeCommand command, ExchangeService exchange, TraderOrders orders, TimeProvider time)
    {
        if (reply.Error == TradingError.DuplicateClientKey)
        {
            var first = orders.Find(command.TraderId, reply.OrderId);
            return first is null
                ? (StatusOf(reply.Error), null, ProblemOf(reply.Error, "An order with this key was placed today already."))
                : (StatusCodes.Status200OK, View(exchange, first), null);
        }
        if (!reply.Succeeded)
        {
            return (StatusOf(reply.Error), null, ProblemOf(reply.Error, null));
        }
        return (StatusCodes.Status201Created, orders.Find(command.TraderId, reply.OrderId) is { } placed ? View(exchange, placed) : View(exchange, command, reply, time.GetUtcNow()), null);
    }

    /// <summary>A new order as its command and the exchange's reply to it describe it.</summary>
    private static OrderView View(ExchangeService exchange, in ExchangeCommand command, ExchangeReply reply, DateTimeOffset now) => new(
        reply.OrderId,
        exchange.InstrumentsById.TryGetValue(command.InstrumentId, out var instrument) ? instrument.Code : "?",
        command.Side == Side.Buy ? "buy" : "sell",
        command.Price, command.Quantity, reply.Filled, reply.Remaining,
        reply.Filled > 0 ? reply.FilledValue * 1_000 / reply.Filled : null,
        StateName(reply.Outcome switch
        {
            OrderOutcome.Filled => OrderState.Filled,
            OrderOutcome.Cancelled => OrderState.Cancelled,
            _ when reply.Filled > 0 => OrderState.PartiallyFilled,
            _ => OrderState.Open,
        }),
        now, now);

    private static async Task<IResult> ListOrdersAsync(ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, bool? all, CancellationToken cancellationToken)
    {
        long? traderId = await accounts.FindAsync(UserId(user), cancellationToken);
        return TypedResults.Ok(traderId is null ? [] : orders.Of(traderId.Value, all ?? false).Select(o => View(exchange, o)).ToList());
    }

    private static async Task<IResult> GetOrderAsync(long id, ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, CancellationToken cancellationToken)
    {
        long? traderId = await accounts.FindAsync(UserId(user), cancellationToken);
        var order = traderId is null ? null : orders.Find(traderId.Value, id);
        return order is null ? Problem(TradingError.OrderNotFound, null) : TypedResults.Ok(View(exchange, order));
    }

    private static async Task<IResult> CancelAsync(long id, ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, CancellationToken cancellationToken)
    {
        long traderId = await accounts.GetOrOpenAsync(UserId(user), cancellationToken);
        var result = await exchange.Sequencer.SubmitAsync(ExchangeCommand.Cancel(traderId, id));
        return result.Reply.Succeeded && orders.Find(traderId, id) is { } order
            ? TypedResults.Ok(View(exchange, order))
            : Problem(result.Reply.Succeeded ? TradingError.OrderNotFound : result.Reply.Error, null);
    }

    private static async Task<IResult> AmendAsync(long id, AmendOrder? request, ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, CancellationToken cancellationToken)
    {
        if (request?.Price is null || request.Quantity is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["price"] = ["Give the new price (or the current one) in fen per tonne."],
                ["quantity"] = ["Give the new order quantity (or the current one) in kg."],
            }, type: ProblemTypes.Validation);
        }
        long traderId = await accounts.GetOrOpenAsync(UserId(user), cancellationToken);
        var result = await exchange.Sequencer.SubmitAsync(ExchangeCommand.Amend(traderId, id, request.Price.Value, request.Quantity.Value));
        return result.Reply.Succeeded && orders.Find(traderId, id) is { } order
            ? TypedResults.Ok(View(exchange, order))
            : Problem(result.Reply.Succeeded ? TradingError.OrderNotFound : result.Reply.Error, null);
    }

    private static async Task<IResult> GetAccountAsync(ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, CancellationToken cancellationToken)
    {
        long? traderId = await accounts.FindAsync(UserId(user), cancellationToken);
        if (traderId is null)
        {
            return TypedResults.Ok(new AccountView(0, 0, 0, []));
        }
        return TypedResults.Ok(await ReadAccountAsync(exchange, traderId.Value));
    }

    /// <summary>A trader's cash and receipt positions, read on the exchange's writer (durable state only).</summary>
    public static async Task<AccountView> ReadAccountAsync(ExchangeService exchange, long traderId)
    {
        var (cash, positions) = await exchange.Sequencer.ReadAsync(state => (
            state.Cash(traderId),
            state.InstrumentIds.Select(i => (Instrument: i, Position: state.Receipts(traderId, i))).Where(p => p.Position.Total != 0).ToList()));
        return new AccountView(cash.Balance, cash.Frozen, cash.Free, positions
            .Select(p => new PositionView(exchange.InstrumentsById.TryGetValue(p.Instrument, out var i) ? i.Code : p.Instrument.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Position.Total, p.Position.Frozen, p.Position.Free))
            .ToList());
    }

    /// <summary>The HTTP status of each error: the caller's mistakes are 4xx.</summary>
    public static int StatusOf(TradingError error) => error switch
    {
        TradingError.UnknownInstrument or TradingError.OrderNotFound => StatusCodes.Status404NotFound,
        TradingError.NotYourOrder => StatusCodes.Status403Forbidden,
        TradingError.SessionClosed or TradingError.DuplicateClientKey or TradingError.DuplicateReference => StatusCodes.Status409Conflict,
        TradingError.InvalidQuantity or TradingError.OffTick or TradingError.UnsupportedOrder or TradingError.InvalidAmount => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static IResult Problem(TradingError error, string? detail) => TypedResults.Problem(ProblemOf(error, detail));

    private static ProblemDetails ProblemOf(TradingError error, string? detail) => new()
    {
        Detail = detail ?? TradingErrors.Describe(error),
        Status = StatusOf(error),
        Title = TradingErrors.Describe(error),
        Type = ProblemBase + TradingErrors.Code(error),
        Extensions = { ["code"] = TradingErrors.Code(error) },
    };

    private static IResult UnknownInstrument(string code) => Problem(TradingError.UnknownInstrument, $"No instrument '{code}'.");

    private static IResult Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: ProblemTypes.Validation);

    private static MarketView View(ExchangeService exchange, TradingInstrument instrument) =>
        new(instrument.Code, instrument.Commodity, instrument.TickSize, instrument.LotSize, exchange.MarketData.Snapshot(instrument.Id));

    private static OrderView View(ExchangeService exchange, TraderOrder order) => new(
        order.OrderId,
        exchange.InstrumentsById.TryGetValue(order.InstrumentId, out var instrument) ? instrument.Code : "?",
        order.Side == Side.Buy ? "buy" : "sell",
        order.Price, order.Quantity, order.Filled, order.Remaining,
        order.Filled > 0 ? order.FilledValue * 1_000 / order.Filled : null,
        StateName(order.State),
        order.PlacedAt, order.UpdatedAt);

    private static string StateName(OrderState state) => state switch
    {
        OrderState.Open => "open",
        OrderState.PartiallyFilled => "partiallyFilled",
        OrderState.Filled => "filled",
        OrderState.Cancelled => "cancelled",
        _ => "expired",
    };

    /// <summary>The signed-in user's id.</summary>
    internal static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");

    /// <summary>A stable, non-zero 64-bit key for an Idempotency-Key header.</summary>
    internal static long ClientKey(string key)
    {
        long value = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return value == 0 ? 1 : value;
    }
}
