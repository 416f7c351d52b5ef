namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>How an order states the price it accepts.</summary>
public enum OrderType : byte
{
    /// <summary>Trades at its limit price or better.</summary>
    Limit = 1,

    /// <summary>Trades immediately at the best prices up to a protection price; never rests (always <see cref="TimeInForce.Ioc"/>).</summary>
    Market = 2,
}
