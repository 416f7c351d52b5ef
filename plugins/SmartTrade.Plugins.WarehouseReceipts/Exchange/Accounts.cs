using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>A trading account's cash in fen: the balance and the part frozen for open buy orders.</summary>
public record struct CashAccount(long Balance, long Frozen)
{
    /// <summary>What the trader may spend or withdraw.</summary>
    public readonly long Free => Balance - Frozen;
}

/// <summary>A trader's receipts of one instrument in trading, in kg: the total and the part frozen for open sell orders.</summary>
public record struct Position(long Total, long Frozen)
{
    /// <summary>What the trader may sell or take out of trading.</summary>
    public readonly long Free => Total - Frozen;
}

/// <summary>An order open in a book, with what it holds frozen (cash for a buy; its remaining kg for a sell).</summary>
public record struct OpenOrder(
    long OrderId,
    long TraderId,
    int InstrumentId,
    Side Side,
    long Price,
    long Quantity,
    long Remaining,
    long FrozenCash,
    TimeInForce TimeInForce);

/// <summary>How an order stands after the command that placed or changed it.</summary>
public enum OrderOutcome : byte
{
    /// <summary>The command was not about an order.</summary>
    None = 0,

    /// <summary>Part or all of it rests in the book.</summary>
    Resting,

    /// <summary>Fully traded.</summary>
    Filled,

    /// <summary>Its open part was cancelled (IOC, FOK, self-trade, a cancel).</summary>
    Cancelled,
}

/// <summary>The answer to one command.</summary>
/// <param name="Error">Why it was refused, or <see cref="TradingError.None"/>.</param>
/// <param name="OrderId">The order placed or changed.</param>
/// <param name="Filled">Kg the order traded in this command.</param>
/// <param name="Remaining">Kg still open afterwards.</param>
/// <param name="Outcome">How the order stands.</param>
/// <param name="FilledValue">The value of what the order traded in this command, fen.</param>
public readonly record struct ExchangeReply(TradingError Error, long OrderId, long Filled, long Remaining, OrderOutcome Outcome, long FilledValue = 0)
{
    /// <summary>Whether the command was applied.</summary>
    public bool Succeeded => Error == TradingError.None;
}

/// <summary>An instrument on the exchange: its rules, engine and the current day's statistics.</summary>
public sealed class Instrument
{
    internal Instrument(int id, InstrumentSpec spec, MatchingEngine engine, int feeBasisPoints, int limitBasisPoints, long previousSettlement)
    {
        Id = id;
        Spec = spec;
        Engine = engine;
        FeeBasisPoints = feeBasisPoints;
        LimitBasisPoints = limitBasisPoints;
        PreviousSettlement = previousSettlement;
    }

    /// <summary>The instrument's id.</summary>
    public int Id { get; }

    /// <summary>Tick, lot and order size limit.</summary>
    public InstrumentSpec Spec { get; }

    /// <summary>The instrument's book. Read it only on the exchange's writer thread.</summary>
    public MatchingEngine Engine { get; }

    /// <summary>Fee per side in basis points of traded value.</summary>
    public int FeeBasisPoints { get; }

    /// <summary>Daily price limit in basis points of the previous settlement price.</summary>
    public int LimitBasisPoints { get; }

    /// <summary>The previous trading day's settlement price.</summary>
    public long PreviousSettlement { get; private set; }

    /// <summary>Today's first trade price, if any.</summary>
    public long? Open { get; private set; }

    /// <summary>Today's highest trade price, if any.</summary>
    public long? High { get; private set; }

    /// <summary>Today's lowest trade price, if any.</summary>
    public long? Low { get; private set; }

    /// <summary>Today's traded kg.</summary>
    public long DayQuantity { get; private set; }

    /// <summary>Today's traded value in fen (turnover).</summary>
    public long DayValue { get; private set; }

    /// <summary>Today's Σ price x kg, for the volume-weighted average price.</summary>
    internal Int128 DayTurnoverPriceKg { get; private set; }

    internal void RecordTrade(long price, long quantity, long value)
    {
        Open ??= price;
        High = High is { } high && high >= price ? high : price;
        Low = Low is { } low && low <= price ? low : price;
        DayQuantity += quantity;
        DayValue += value;
        DayTurnoverPriceKg += (Int128)price * quantity;
    }

    internal void StartNewDay(long settlement)
    {
        PreviousSettlement = settlement;
        Open = High = Low = null;
        DayQuantity = DayValue = 0;
        DayTurnoverPriceKg = 0;
    }
}
