using CsCheck;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

/// <summary>
/// Random command sequences for the property tests. Prices cluster a few ticks around 8,000 yuan/t and
/// there are few traders and order ids, so orders cross, meet their own trader, and ids collide often;
/// a small share of commands breaks a rule on purpose.
/// </summary>
internal static class CommandGenerators
{
    public static readonly PriceBand[] Bands =
    [
        DefaultBand,
        new(Yuan(7995), Yuan(8005)),
        PriceBand.FromSettlement(Yuan(7700), tickSize: 100),
        PriceBand.FromSettlement(Yuan(8300), tickSize: 100),
    ];

    private static readonly Gen<long> OrderId = Gen.Long[1, 40];

    private static readonly Gen<long> Trader = Gen.Long[1, 4];

    private static readonly Gen<Side> AnySide = Gen.Int[0, 1].Select(i => i == 0 ? Side.Buy : Side.Sell);

    private static readonly Gen<long> Price = Gen.Frequency(
        (30, Gen.Long[-8, 8].Select(ticks => Yuan(8000 + ticks))),
        (1, Gen.Long[-8, 8].Select(ticks => Yuan(8000 + ticks) + 50)),
        (1, Gen.OneOf(Yuan(7000), Yuan(9000))));

    private static readonly Gen<long> Quantity = Gen.Frequency(
        (30, Gen.Long[1, 6].Select(Tonnes)),
        (1, Gen.OneOf(0L, 500L, Tonnes(1001))));

    private static readonly Gen<TimeInForce> AnyTimeInForce = Gen.Frequency(
        (4, Gen.Const(TimeInForce.Gtc)),
        (3, Gen.Const(TimeInForce.Day)),
        (2, Gen.Const(TimeInForce.Ioc)),
        (1, Gen.Const(TimeInForce.Fok)));

    private static readonly Gen<SelfTradePrevention> AnyMode = Gen.Int[0, 3].Select(i => (SelfTradePrevention)i);

    private static readonly Gen<EngineCommand> Limit =
        from id in OrderId
        from trader in Trader
        from side in AnySide
        from price in Price
        from quantity in Quantity
        from timeInForce in AnyTimeInForce
        from mode in AnyMode
        select (EngineCommand)new EngineCommand.Submit(
            NewOrder.Limit(id, trader, side, price, quantity, timeInForce) with { SelfTradePrevention = mode });

    private static readonly Gen<EngineCommand> Market =
        from id in OrderId
        from trader in Trader
        from side in AnySide
        from protection in Gen.Frequency((1, Gen.Const(0L)), (2, Price))
        from quantity in Quantity
        from mode in AnyMode
        select (EngineCommand)new EngineCommand.Submit(
            NewOrder.Market(id, trader, side, quantity, protection) with { SelfTradePrevention = mode });

    private static readonly Gen<EngineCommand> Cancel = OrderId.Select(id => (EngineCommand)new EngineCommand.Cancel(id));

    private static readonly Gen<EngineCommand> Amend =
        from id in OrderId
        from price in Price
        from quantity in Quantity
        select (EngineCommand)new EngineCommand.Amend(id, price, quantity);

    private static readonly Gen<EngineCommand> CancelResting = Gen.Int[0, 100].Select(pick => (EngineCommand)new EngineCommand.CancelResting(pick));

    private static readonly Gen<EngineCommand> AmendResting =
        from pick in Gen.Int[0, 100]
        from ticks in Gen.Frequency((3, Gen.Const(0L)), (2, Gen.Long[-3, 3]))
        from quantity in Quantity
        select (EngineCommand)new EngineCommand.AmendResting(pick, ticks, quantity);

    private static readonly Gen<EngineCommand> DayRoll = Gen.Frequency(
        (1, Gen.Const((EngineCommand)new EngineCommand.EndDay())),
        (2, Gen.Int[0, Bands.Length - 1].Select(i => (EngineCommand)new EngineCommand.StartDay(Bands[i]))));

    public static readonly Gen<EngineCommand> Command = Gen.Frequency(
        (40, Limit),
        (5, Market),
        (4, Cancel),
        (10, CancelResting),
        (3, Amend),
        (12, AmendResting),
        (1, DayRoll));

    /// <summary>An engine's default self-trade mode and the commands sent to it.</summary>
    public static readonly Gen<(SelfTradePrevention EngineDefault, EngineCommand[] Commands)> Session =
        Gen.Select(Gen.Int[1, 3].Select(i => (SelfTradePrevention)i), Command.Array[1, 250]);
}
