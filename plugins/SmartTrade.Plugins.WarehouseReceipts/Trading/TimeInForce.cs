namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>How long an order stays in the book.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: rests across trading days while its price stays inside the day's band.</summary>
    Gtc = 1,

    /// <summary>Rests until the end of the trading day, then expires.</summary>
    Day = 2,

    /// <summary>Immediate or cancel: trades what it can now; the rest is cancelled.</summary>
    Ioc = 3,

    /// <summary>Fill or kill: trades its whole quantity now or nothing at all.</summary>
    Fok = 4,
}
