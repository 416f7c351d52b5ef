namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>
/// Why the exchange refused a command. A refused command changes nothing. The API turns each into a
/// problem-details answer with a stable code (<see cref="TradingErrors.Code"/>).
/// </summary>
public enum TradingError : byte
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>No such instrument.</summary>
    UnknownInstrument,

    /// <summary>The instrument is listed already.</summary>
    DuplicateInstrument,

    /// <summary>Instrument rules that cannot work (non-positive tick or lot, a value per lot not in whole fen...).</summary>
    InvalidInstrument,

    /// <summary>Outside the trading sessions.</summary>
    SessionClosed,

    /// <summary>Side, type or time in force not supported together (a market order that is not IOC...).</summary>
    UnsupportedOrder,

    /// <summary>Quantity zero, negative or not a multiple of the lot.</summary>
    InvalidQuantity,

    /// <summary>More lots than an order may have.</summary>
    AboveMaxOrderSize,

    /// <summary>Price not a multiple of the tick.</summary>
    OffTick,

    /// <summary>Price beyond the day's limit.</summary>
    OutsidePriceLimit,

    /// <summary>Not enough free cash for the order's price, quantity and fee, or for a withdrawal.</summary>
    InsufficientCash,

    /// <summary>Not enough free receipt quantity to sell or take out of trading.</summary>
    InsufficientReceipts,

    /// <summary>No open order with this id.</summary>
    OrderNotFound,

    /// <summary>The order belongs to another trader.</summary>
    NotYourOrder,

    /// <summary>An amount zero or negative.</summary>
    InvalidAmount,

    /// <summary>A trading day already closed, or earlier than the last one.</summary>
    InvalidTradingDay,

    /// <summary>A cash or receipt movement with this reference was applied already.</summary>
    DuplicateReference,

    /// <summary>The trader placed an order with this key today already; the reply carries that order's id.</summary>
    DuplicateClientKey,
}

/// <summary>Stable codes and titles of <see cref="TradingError"/>.</summary>
public static class TradingErrors
{
    /// <summary>The stable, kebab-case code of an error, used in problem types.</summary>
    public static string Code(TradingError error) => error switch
    {
        TradingError.UnknownInstrument => "unknown-instrument",
        TradingError.DuplicateInstrument => "duplicate-instrument",
        TradingError.InvalidInstrument => "invalid-instrument",
        TradingError.SessionClosed => "session-closed",
        TradingError.UnsupportedOrder => "unsupported-order",
        TradingError.InvalidQuantity => "invalid-quantity",
        TradingError.AboveMaxOrderSize => "above-max-order-size",
        TradingError.OffTick => "price-off-tick",
        TradingError.OutsidePriceLimit => "outside-price-limit",
        TradingError.InsufficientCash => "insufficient-cash",
        TradingError.InsufficientReceipts => "insufficient-receipts",
        TradingError.OrderNotFound => "order-not-found",
        TradingError.NotYourOrder => "not-your-order",
        TradingError.InvalidAmount => "invalid-amount",
        TradingError.InvalidTradingDay => "invalid-trading-day",
        TradingError.DuplicateReference => "duplicate-reference",
        TradingError.DuplicateClientKey => "duplicate-order-key",
        _ => "none",
    };

    /// <summary>A one-line English description of an error.</summary>
    public static string Describe(TradingError error) => error switch
    {
        TradingError.UnknownInstrument => "No such instrument.",
        TradingError.DuplicateInstrument => "The instrument is listed already.",
        TradingError.InvalidInstrument => "The instrument's tick, lot or limits cannot work.",
        TradingError.SessionClosed => "The market is outside its trading sessions.",
        TradingError.UnsupportedOrder => "This combination of side, order type and time in force is not supported; a market order is always IOC.",
        TradingError.InvalidQuantity => "The quantity must be a positive multiple of the lot.",
        TradingError.AboveMaxOrderSize => "The quantity is above the largest order allowed.",
        TradingError.OffTick => "The price is not a multiple of the tick.",
        TradingError.OutsidePriceLimit => "The price is outside today's price limits.",
        TradingError.InsufficientCash => "Not enough free cash in the trading account.",
        TradingError.InsufficientReceipts => "Not enough free receipt quantity.",
        TradingError.OrderNotFound => "No open order with this id.",
        TradingError.NotYourOrder => "The order belongs to another trader.",
        TradingError.InvalidAmount => "The amount must be positive.",
        TradingError.InvalidTradingDay => "That trading day is closed already.",
        TradingError.DuplicateReference => "This movement was applied already.",
        TradingError.DuplicateClientKey => "An order with this key was placed today already.",
        _ => "No error.",
    };
}
