using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>
/// The whole exchange as a deterministic state machine: one <see cref="MatchingEngine"/> per instrument, the
/// trading accounts (cash, receipt positions, what is frozen for open orders), risk checks, settlement at each
/// match and the day's close. <see cref="Apply"/> is the only way in; the same commands from an empty state always
/// give the same state and events, which is what the journal's replay relies on.
/// </summary>
/// <remarks>
/// Single writer: one thread applies commands. Settlement is delivery versus payment inside the command that
/// matched: the buyer's cash (value plus fee) leaves its frozen amount, the seller receives value minus fee, the
/// receipt quantity moves from the seller's frozen position to the buyer's, fees go to the exchange's account
/// (<see cref="FeeAccountId"/>). Prices are fen per tonne, quantities kg, value = price x kg / 1000 fen; every
/// instrument's tick x lot is a whole number of fen per lot, so values are exact.
/// </remarks>
public sealed class ExchangeState
{
    /// <summary>The account fees are booked to.</summary>
    public const long FeeAccountId = 0;

    private const long KilogramsPerTonne = 1000;
    private const long BasisPointsPerUnit = 10_000;

    private readonly Dictionary<int, Instrument> _instruments = [];
    private readonly List<int> _instrumentOrder = [];
    private readonly Dictionary<long, CashAccount> _cash = [];
    private readonly Dictionary<(long Trader, int Instrument), Position> _positions = [];
    private readonly Dictionary<long, OpenOrder> _orders = [];
    private readonly EngineEventBuffer _engineEvents = new();
    private readonly HashSet<(ExchangeCommandKind Kind, long Reference)> _references = [];
    private readonly Dictionary<(long Trader, long Key), long> _clientKeys = [];

    private long _depositedTotal;
    private long _withdrawnTotal;
    private readonly Dictionary<int, long> _receiptsIn = [];

    /// <summary>The sequence of the last command applied (0 before the first).</summary>
    public long LastSequence { get; private set; }

    /// <summary>The id the next accepted order gets.</summary>
    public long NextOrderId { get; private set; } = 1;

    /// <summary>The last trading day closed (yyyyMMdd), 0 before the first close.</summary>
    public int LastClosedTradingDay { get; private set; }

    /// <summary>The instruments in the order they were listed.</summary>
    public IReadOnlyList<int> InstrumentIds => _instrumentOrder;

    /// <summary>
    /// Whether an order was placed since the last day close. A day without orders closes to the same state (no trades,
    /// no DAY orders, the settlement and band unchanged), so the sequencer only closes days with activity.
    /// </summary>
    public bool ActiveSinceClose { get; private set; }

    /// <summary>How many orders are open across all books.</summary>
    public int OpenOrderCount => _orders.Count;

    /// <summary>Cash paid into trading accounts since the beginning, fen.</summary>
    public long DepositedTotal => _depositedTotal;

    /// <summary>Cash paid out of trading accounts since the beginning, fen.</summary>
    public long WithdrawnTotal => _withdrawnTotal;

    /// <summary>Receipt kg of an instrument in trading now (credited minus debited).</summary>
    public long ReceiptsInTrading(int instrumentId) => _receiptsIn.GetValueOrDefault(instrumentId);

    /// <summary>
    /// Applies one command: appends what happened to <paramref name="events"/> (a Rejected event when refused) and
    /// returns the outcome for the caller. Sequences must increase. A refused command changes nothing at all (not
    /// even <see cref="LastSequence"/>), so the journal keeps only applied commands.
    /// </summary>
    public ExchangeReply Apply(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (command.Sequence <= LastSequence)
        {
            throw new ArgumentException($"Command sequence {command.Sequence} is not after {LastSequence}.", nameof(command));
        }
        int first = events.Count;
        TradingError error = command.Kind switch
        {
            ExchangeCommandKind.AddInstrument => AddInstrument(command, events),
            ExchangeCommandKind.PlaceOrder => Place(command, events),
            ExchangeCommandKind.CancelOrder => Cancel(command, events),
            ExchangeCommandKind.AmendOrder => Amend(command, events),
            ExchangeCommandKind.DepositCash => Deposit(command, events),
            ExchangeCommandKind.WithdrawCash => Withdraw(command, events),
            ExchangeCommandKind.CreditReceipts => CreditReceipts(command, events),
            ExchangeCommandKind.DebitReceipts => DebitReceipts(command, events),
            ExchangeCommandKind.CloseDay => CloseDay(command, events),
            _ => TradingError.UnsupportedOrder,
        };
        if (error == TradingError.None)
        {
            LastSequence = command.Sequence;
            if (command.Kind == ExchangeCommandKind.PlaceOrder)
            {
                ActiveSinceClose = true;
            }
            return Summarize(command, events, first);
        }
        // A refused command changes nothing, so it is not journaled: its sequence number is used again.
        events.Add(new ExchangeEvent
        {
            Kind = ExchangeEventKind.Rejected, Sequence = command.Sequence, Timestamp = command.Timestamp,
            InstrumentId = command.InstrumentId, TraderId = command.TraderId, OrderId = command.OrderId,
            Side = command.Side, Price = command.Price, Quantity = command.Quantity, Error = error,
            Reference = command.Reference,
        });
        long orderId = error == TradingError.DuplicateClientKey ? _clientKeys[(command.TraderId, command.ClientKey)] : command.OrderId;
        return new ExchangeReply(error, orderId, 0, 0, 0);
    }

    /// <summary>A trading account's cash: balance and the part frozen for open buy orders.</summary>
    public CashAccount Cash(long traderId) => _cash.GetValueOrDefault(traderId);

    /// <summary>Free cash: balance minus frozen.</summary>
    public long FreeCash(long traderId) => Cash(traderId).Free;

    /// <summary>A trader's receipt position in an instrument: total kg and the part frozen for open sell orders.</summary>
    public Position Receipts(long traderId, int instrumentId) => _positions.GetValueOrDefault((traderId, instrumentId));

    /// <summary>Free receipt kg: position minus frozen.</summary>
    public long FreeReceipts(long traderId, int instrumentId) => Receipts(traderId, instrumentId).Free;

    /// <summary>Every receipt position with a non-zero quantity.</summary>
    public IEnumerable<KeyValuePair<(long Trader, int Instrument), Position>> Positions => _positions.Where(p => p.Value.Total != 0);

    /// <summary>Every cash account.</summary>
    public IEnumerable<KeyValuePair<long, CashAccount>> CashAccounts => _cash;

    /// <summary>An open order, if there is one with this id.</summary>
    public bool TryGetOrder(long orderId, out OpenOrder order) => _orders.TryGetValue(orderId, out order);

    /// <summary>Open orders (for queries; not on the hot path).</summary>
    public IEnumerable<OpenOrder> OpenOrders => _orders.Values;

    /// <summary>An instrument's engine and day statistics.</summary>
    public bool TryGetInstrument(int instrumentId, out Instrument instrument) => _instruments.TryGetValue(instrumentId, out instrument!);

    /// <summary>
    /// Proves that money and receipts are conserved: cash across all accounts (fees included) equals deposits minus
    /// withdrawals; receipt kg per instrument equals what came into trading minus what left; frozen amounts equal
    /// what open orders hold; nothing free is negative. Returns the first broken rule, or <see langword="null"/>.
    /// </summary>
    public string? CheckLedger()
    {
        long cash = 0;
        foreach (var (trader, account) in _cash)
        {
            cash = checked(cash + account.Balance);
            if (account.Frozen < 0 || account.Free < 0)
            {
                return $"Account {trader}: balance {account.Balance}, frozen {account.Frozen}.";
            }
        }
        if (cash != _depositedTotal - _withdrawnTotal)
        {
            return $"Cash {cash} differs from deposits {_depositedTotal} minus withdrawals {_withdrawnTotal}.";
        }

        var frozenCash = new Dictionary<long, long>();
        var frozenKg = new Dictionary<(long, int), long>();
        foreach (var order in _orders.Values)
        {
            if (order.Side == Side.Buy)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(frozenCash, order.TraderId, out _) += order.FrozenCash;
            }
            else
            {
                CollectionsMarshal.GetValueRefOrAddDefault(frozenKg, (order.TraderId, order.InstrumentId), out _) += order.Remaining;
            }
        }
        foreach (var (trader, account) in _cash)
        {
            if (account.Frozen != frozenCash.GetValueOrDefault(trader))
            {
                return $"Account {trader}: frozen {account.Frozen} but open buy orders hold {frozenCash.GetValueOrDefault(trader)}.";
            }
        }

        var kg = new Dictionary<int, long>();
        foreach (var ((trader, instrument), position) in _positions)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(kg, instrument, out _) += position.Total;
            if (position.Frozen < 0 || position.Free < 0)
            {
                return $"Position {trader}/{instrument}: total {position.Total}, frozen {position.Frozen}.";
            }
            if (position.Frozen != frozenKg.GetValueOrDefault((trader, instrument)))
            {
                return $"Position {trader}/{instrument}: frozen {position.Frozen} but open sell orders hold {frozenKg.GetValueOrDefault((trader, instrument))}.";
            }
        }
        foreach (int instrument in _instrumentOrder)
        {
            if (kg.GetValueOrDefault(instrument) != _receiptsIn.GetValueOrDefault(instrument))
            {
                return $"Instrument {instrument}: positions hold {kg.GetValueOrDefault(instrument)} kg, {_receiptsIn.GetValueOrDefault(instrument)} kg came into trading.";
            }
        }
        foreach (var order in _orders.Values)
        {
            var instrument = _instruments[order.InstrumentId];
            if (!instrument.Engine.TryGetOrder(order.OrderId, out var resting) || resting.Remaining != order.Remaining)
            {
                return $"Order {order.OrderId} is open in the accounts but not resting with {order.Remaining} kg in the book.";
            }
        }
        return null;
    }

    /// <summary>The value of <paramref name="kilograms"/> at <paramref name="price"/> fen per tonne, in fen.</summary>
    public static long Value(long price, long kilograms) => checked(price * kilograms) / KilogramsPerTonne;

    /// <summary>The most a buy order can cost: value at its limit plus the fee, rounded up.</summary>
    public static long Cost(long price, long kilograms, int feeBasisPoints)
    {
        long value = Value(price, kilograms);
        return checked(value + CeilDiv(checked(value * feeBasisPoints), BasisPointsPerUnit));
    }

    /// <summary>The fee on a traded value, rounded down (so per-trade fees never exceed what an order froze).</summary>
    public static long Fee(long value, int feeBasisPoints) => checked(value * feeBasisPoints) / BasisPointsPerUnit;

    private TradingError AddInstrument(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (_instruments.ContainsKey(command.InstrumentId))
        {
            return TradingError.DuplicateInstrument;
        }
        if (command.InstrumentId <= 0 || command.TickSize <= 0 || command.LotSize <= 0 || command.MaxOrderLots <= 0
            || command.Price <= 0 || command.Price % command.TickSize != 0
            || command.FeeBasisPoints is < 0 or > 1000 || command.LimitBasisPoints is <= 0 or > 5000
            || command.TickSize * command.LotSize % KilogramsPerTonne != 0)
        {
            return TradingError.InvalidInstrument;
        }
        var spec = new InstrumentSpec { TickSize = command.TickSize, LotSize = command.LotSize, MaxOrderLots = command.MaxOrderLots };
        PriceBand band;
        try
        {
            band = PriceBand.FromSettlement(command.Price, command.TickSize, command.LimitBasisPoints);
        }
        catch (ArgumentException)
        {
            return TradingError.InvalidInstrument;
        }
        _instruments.Add(command.InstrumentId, new Instrument(command.InstrumentId, spec, new MatchingEngine(spec, band), command.FeeBasisPoints, command.LimitBasisPoints, command.Price));
        _instrumentOrder.Add(command.InstrumentId);
        events.Add(new ExchangeEvent
        {
            Kind = ExchangeEventKind.InstrumentAdded, Sequence = command.Sequence, Timestamp = command.Timestamp,
            InstrumentId = command.InstrumentId, Price = command.Price, LowerLimit = band.Lower, UpperLimit = band.Upper,
        });
        return TradingError.None;
    }

    private TradingError Place(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (command.TraderId <= 0)
        {
            return TradingError.NotYourOrder;
        }
        if (command.ClientKey != 0 && _clientKeys.ContainsKey((command.TraderId, command.ClientKey)))
        {
            return TradingError.DuplicateClientKey;
        }
        if (!_instruments.TryGetValue(command.InstrumentId, out var instrument))
        {
            return TradingError.UnknownInstrument;
        }
        var order = ToNewOrder(command, NextOrderId);
        var rule = OrderRules.Check(order, instrument.Spec, instrument.Engine.Band, out long limit);
        if (rule != RejectReason.None)
        {
            return Map(rule);
        }

        long frozenCash = 0;
        if (command.Side == Side.Buy)
        {
            frozenCash = Cost(limit, command.Quantity, instrument.FeeBasisPoints);
            ref var account = ref CollectionsMarshal.GetValueRefOrNullRef(_cash, command.TraderId);
            if (Unsafe.IsNullRef(ref account) || account.Free < frozenCash)
            {
                return TradingError.InsufficientCash;
            }
            account.Frozen += frozenCash;
        }
        else
        {
            ref var position = ref CollectionsMarshal.GetValueRefOrNullRef(_positions, (command.TraderId, command.InstrumentId));
            if (Unsafe.IsNullRef(ref position) || position.Free < command.Quantity)
            {
                return TradingError.InsufficientReceipts;
            }
            position.Frozen += command.Quantity;
        }

        long orderId = NextOrderId++;
        if (command.ClientKey != 0)
        {
            _clientKeys.Add((command.TraderId, command.ClientKey), orderId);
        }
        _orders.Add(orderId, new OpenOrder(orderId, command.TraderId, command.InstrumentId, command.Side, limit, command.Quantity, command.Quantity, frozenCash, command.TimeInForce));
        _engineEvents.Clear();
        instrument.Engine.Submit(order, _engineEvents);
        Settle(command, instrument, events);
        return TradingError.None;
    }

    private TradingError Cancel(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (!_orders.TryGetValue(command.OrderId, out var open))
        {
            return TradingError.OrderNotFound;
        }
        if (open.TraderId != command.TraderId)
        {
            return TradingError.NotYourOrder;
        }
        var instrument = _instruments[open.InstrumentId];
        _engineEvents.Clear();
        instrument.Engine.Cancel(command.OrderId, _engineEvents);
        Settle(command, instrument, events);
        return TradingError.None;
    }

    private TradingError Amend(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (!_orders.TryGetValue(command.OrderId, out var open))
        {
            return TradingError.OrderNotFound;
        }
        if (open.TraderId != command.TraderId)
        {
            return TradingError.NotYourOrder;
        }
        var instrument = _instruments[open.InstrumentId];
        var rule = OrderRules.CheckQuantity(command.Quantity, instrument.Spec);
        if (rule == RejectReason.None)
        {
            rule = OrderRules.CheckPrice(command.Price, instrument.Spec, instrument.Engine.Band);
        }
        if (rule != RejectReason.None)
        {
            return Map(rule);
        }

        long filled = open.Quantity - open.Remaining;
        long newRemaining = command.Quantity - filled;
        ref var order = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, command.OrderId);
        if (newRemaining > 0)
        {
            // Freeze what the amended order needs before it may trade again; release any excess after.
            if (open.Side == Side.Buy)
            {
                long needed = Cost(command.Price, newRemaining, instrument.FeeBasisPoints);
                ref var account = ref CollectionsMarshal.GetValueRefOrNullRef(_cash, open.TraderId); // it froze cash, so it exists
                long delta = needed - order.FrozenCash;
                if (delta > 0 && account.Free < delta)
                {
                    return TradingError.InsufficientCash;
                }
                account.Frozen += delta;
                order.FrozenCash = needed;
            }
            else
            {
                ref var position = ref CollectionsMarshal.GetValueRefOrNullRef(_positions, (open.TraderId, open.InstrumentId));
                long delta = newRemaining - order.Remaining;
                if (delta > 0 && position.Free < delta)
                {
                    return TradingError.InsufficientReceipts;
                }
                position.Frozen += delta;
            }
            order.Remaining = newRemaining;
            order.Quantity = command.Quantity;
            order.Price = command.Price;
        }
        _engineEvents.Clear();
        instrument.Engine.Amend(command.OrderId, command.Price, command.Quantity, _engineEvents);
        Settle(command, instrument, events);
        return TradingError.None;
    }

    private TradingError Deposit(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (command.Amount <= 0)
        {
            return TradingError.InvalidAmount;
        }
        if (command.TraderId <= 0)
        {
            return TradingError.NotYourOrder;
        }
        if (IsDuplicate(command))
        {
            return TradingError.DuplicateReference;
        }
        ref var account = ref CollectionsMarshal.GetValueRefOrAddDefault(_cash, command.TraderId, out _);
        account.Balance = checked(account.Balance + command.Amount);
        _depositedTotal = checked(_depositedTotal + command.Amount);
        Remember(command);
        events.Add(CashEvent(ExchangeEventKind.CashDeposited, command));
        return TradingError.None;
    }

    private TradingError Withdraw(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (command.Amount <= 0)
        {
            return TradingError.InvalidAmount;
        }
        if (IsDuplicate(command))
        {
            return TradingError.DuplicateReference;
        }
        ref var account = ref CollectionsMarshal.GetValueRefOrNullRef(_cash, command.TraderId);
        if (Unsafe.IsNullRef(ref account) || account.Free < command.Amount)
        {
            return TradingError.InsufficientCash;
        }
        account.Balance -= command.Amount;
        _withdrawnTotal = checked(_withdrawnTotal + command.Amount);
        Remember(command);
        events.Add(CashEvent(ExchangeEventKind.CashWithdrawn, command));
        return TradingError.None;
    }

    private TradingError CreditReceipts(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (!_instruments.ContainsKey(command.InstrumentId))
        {
            return TradingError.UnknownInstrument;
        }
        if (command.Quantity <= 0)
        {
            return TradingError.InvalidQuantity;
        }
        if (command.TraderId <= 0)
        {
            return TradingError.NotYourOrder;
        }
        if (IsDuplicate(command))
        {
            return TradingError.DuplicateReference;
        }
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_positions, (command.TraderId, command.InstrumentId), out _);
        position.Total = checked(position.Total + command.Quantity);
        CollectionsMarshal.GetValueRefOrAddDefault(_receiptsIn, command.InstrumentId, out _) += command.Quantity;
        Remember(command);
        events.Add(ReceiptEvent(ExchangeEventKind.ReceiptsCredited, command));
        return TradingError.None;
    }

    private TradingError DebitReceipts(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (!_instruments.ContainsKey(command.InstrumentId))
        {
            return TradingError.UnknownInstrument;
        }
        if (command.Quantity <= 0)
        {
            return TradingError.InvalidQuantity;
        }
        if (IsDuplicate(command))
        {
            return TradingError.DuplicateReference;
        }
        ref var position = ref CollectionsMarshal.GetValueRefOrNullRef(_positions, (command.TraderId, command.InstrumentId));
        if (Unsafe.IsNullRef(ref position) || position.Free < command.Quantity)
        {
            return TradingError.InsufficientReceipts;
        }
        position.Total -= command.Quantity;
        _receiptsIn[command.InstrumentId] -= command.Quantity;
        Remember(command);
        events.Add(ReceiptEvent(ExchangeEventKind.ReceiptsDebited, command));
        return TradingError.None;
    }

    private TradingError CloseDay(in ExchangeCommand command, ExchangeEventBuffer events)
    {
        if (command.TradingDay <= LastClosedTradingDay)
        {
            return TradingError.InvalidTradingDay;
        }
        LastClosedTradingDay = command.TradingDay;
        ActiveSinceClose = false;
        _clientKeys.Clear(); // order keys hold for one trading day
        foreach (int id in _instrumentOrder)
        {
            var instrument = _instruments[id];
            _engineEvents.Clear();
            instrument.Engine.EndDay(_engineEvents);
            Settle(command, instrument, events);

            long settlement = instrument.DayQuantity > 0
                ? RoundToTick(instrument.DayTurnoverPriceKg, instrument.DayQuantity, instrument.Spec.TickSize)
                : instrument.PreviousSettlement;
            var band = PriceBand.FromSettlement(settlement, instrument.Spec.TickSize, instrument.LimitBasisPoints);
            _engineEvents.Clear();
            instrument.Engine.StartDay(band, _engineEvents);
            Settle(command, instrument, events);
            events.Add(new ExchangeEvent
            {
                Kind = ExchangeEventKind.DaySettled, Sequence = command.Sequence, Timestamp = command.Timestamp, InstrumentId = id,
                Price = settlement, Quantity = instrument.DayQuantity, Value = instrument.DayValue, TradingDay = command.TradingDay,
                LowerLimit = band.Lower, UpperLimit = band.Upper,
            });
            instrument.StartNewDay(settlement);
        }
        return TradingError.None;
    }

    /// <summary>Turns the engine's events into settled account changes and exchange events.</summary>
    private void Settle(in ExchangeCommand command, Instrument instrument, ExchangeEventBuffer events)
    {
        foreach (ref readonly var e in _engineEvents.Events)
        {
            switch (e.Kind)
            {
                case EngineEventKind.Accepted:
                    events.Add(new ExchangeEvent
                    {
                        Kind = ExchangeEventKind.OrderAccepted, Sequence = command.Sequence, Timestamp = command.Timestamp,
                        InstrumentId = instrument.Id, TraderId = e.TraderId, OrderId = e.OrderId, Side = e.Side, Price = e.Price,
                        Quantity = e.Quantity, Remaining = e.Remaining, Reference = command.Reference,
                    });
                    break;
                case EngineEventKind.Fill:
                    SettleTrade(command, instrument, e, events);
                    break;
                case EngineEventKind.Cancelled:
                case EngineEventKind.Expired:
                    Release(e.OrderId);
                    events.Add(new ExchangeEvent
                    {
                        Kind = e.Kind == EngineEventKind.Cancelled ? ExchangeEventKind.OrderCancelled : ExchangeEventKind.OrderExpired,
                        Sequence = command.Sequence, Timestamp = command.Timestamp, InstrumentId = instrument.Id,
                        TraderId = e.TraderId, OrderId = e.OrderId, Side = e.Side, Price = e.Price, Quantity = e.Quantity,
                        Remaining = 0, CancelReason = e.CancelReason,
                    });
                    break;
                case EngineEventKind.Amended:
                    events.Add(new ExchangeEvent
                    {
                        Kind = ExchangeEventKind.OrderAmended, Sequence = command.Sequence, Timestamp = command.Timestamp,
                        InstrumentId = instrument.Id, TraderId = e.TraderId, OrderId = e.OrderId, Side = e.Side, Price = e.Price,
                        Quantity = e.Quantity, Remaining = e.Remaining,
                    });
                    break;
                case EngineEventKind.Rejected:
                    // The exchange checks every rule the engine checks before it calls it, so a rejection means the two disagree.
                    throw new InvalidOperationException($"The engine rejected order {e.OrderId} ({e.RejectReason}) after the exchange's checks passed.");
            }
        }
    }

    private void SettleTrade(in ExchangeCommand command, Instrument instrument, in EngineEvent fill, ExchangeEventBuffer events)
    {
        long value = Value(fill.Price, fill.Quantity);
        long buyerFee = Fee(value, instrument.FeeBasisPoints);
        long sellerFee = buyerFee;
        bool takerBuys = fill.Side == Side.Buy;
        long buyOrderId = takerBuys ? fill.OrderId : fill.MakerOrderId;
        long sellOrderId = takerBuys ? fill.MakerOrderId : fill.OrderId;

        ref var buyOrder = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, buyOrderId);
        ref var buyerCash = ref CollectionsMarshal.GetValueRefOrNullRef(_cash, buyOrder.TraderId);
        long paid = value + buyerFee;
        buyerCash.Balance -= paid;
        buyerCash.Frozen -= paid;
        buyOrder.FrozenCash -= paid;
        buyOrder.Remaining = takerBuys ? fill.Remaining : fill.MakerRemaining;
        long buyerId = buyOrder.TraderId;

        ref var sellOrder = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, sellOrderId);
        long sellerId = sellOrder.TraderId;
        ref var sellerPosition = ref CollectionsMarshal.GetValueRefOrNullRef(_positions, (sellerId, instrument.Id));
        sellerPosition.Total -= fill.Quantity;
        sellerPosition.Frozen -= fill.Quantity;
        sellOrder.Remaining = takerBuys ? fill.MakerRemaining : fill.Remaining;

        CollectionsMarshal.GetValueRefOrAddDefault(_positions, (buyerId, instrument.Id), out _).Total += fill.Quantity;
        CollectionsMarshal.GetValueRefOrAddDefault(_cash, sellerId, out _).Balance += value - sellerFee;
        CollectionsMarshal.GetValueRefOrAddDefault(_cash, FeeAccountId, out _).Balance += buyerFee + sellerFee;

        if (buyOrder.Remaining == 0)
        {
            Release(buyOrderId);
        }
        if (sellOrder.Remaining == 0)
        {
            Release(sellOrderId);
        }
        instrument.RecordTrade(fill.Price, fill.Quantity, value);
        events.Add(new ExchangeEvent
        {
            Kind = ExchangeEventKind.Trade, Sequence = command.Sequence, Timestamp = command.Timestamp, InstrumentId = instrument.Id,
            TraderId = fill.TraderId, OrderId = fill.OrderId, Side = fill.Side, Price = fill.Price, Quantity = fill.Quantity,
            Remaining = fill.Remaining, TradeSequence = fill.TradeSequence, MakerOrderId = fill.MakerOrderId,
            MakerTraderId = fill.MakerTraderId, MakerRemaining = fill.MakerRemaining, Value = value, BuyerFee = buyerFee,
            SellerFee = sellerFee,
        });
    }

    /// <summary>Closes an order: whatever it still has frozen goes back to free.</summary>
    private void Release(long orderId)
    {
        if (!_orders.Remove(orderId, out var order))
        {
            return;
        }
        if (order.Side == Side.Buy)
        {
            CollectionsMarshal.GetValueRefOrNullRef(_cash, order.TraderId).Frozen -= order.FrozenCash;
        }
        else
        {
            CollectionsMarshal.GetValueRefOrNullRef(_positions, (order.TraderId, order.InstrumentId)).Frozen -= order.Remaining;
        }
    }

    private static ExchangeReply Summarize(in ExchangeCommand command, ExchangeEventBuffer events, int first)
    {
        long orderId = 0, filled = 0, remaining = 0, value = 0;
        var status = OrderOutcome.None;
        var span = events.Events[first..];
        foreach (ref readonly var e in span)
        {
            switch (e.Kind)
            {
                case ExchangeEventKind.OrderAccepted when orderId == 0:
                    orderId = e.OrderId;
                    remaining = e.Remaining;
                    status = OrderOutcome.Resting;
                    break;
                case ExchangeEventKind.OrderAmended when e.OrderId == command.OrderId:
                    orderId = e.OrderId;
                    remaining = e.Remaining;
                    status = OrderOutcome.Resting;
                    break;
                case ExchangeEventKind.Trade when e.OrderId == (orderId == 0 ? command.OrderId : orderId):
                    filled += e.Quantity;
                    value += e.Value;
                    remaining = e.Remaining;
                    status = remaining == 0 ? OrderOutcome.Filled : OrderOutcome.Resting;
                    break;
                case ExchangeEventKind.OrderCancelled when e.OrderId == (orderId == 0 ? command.OrderId : orderId):
                    orderId = e.OrderId;
                    remaining = 0;
                    status = OrderOutcome.Cancelled;
                    break;
            }
        }
        return new ExchangeReply(TradingError.None, orderId, filled, remaining, status, value);
    }

    private static NewOrder ToNewOrder(in ExchangeCommand command, long orderId) => new()
    {
        OrderId = orderId, TraderId = command.TraderId, Side = command.Side, Type = command.OrderType,
        TimeInForce = command.TimeInForce, Price = command.Price, Quantity = command.Quantity,
        SelfTradePrevention = command.SelfTradePrevention,
    };

    private static TradingError Map(RejectReason reason) => reason switch
    {
        RejectReason.InvalidQuantity => TradingError.InvalidQuantity,
        RejectReason.AboveMaxOrderSize => TradingError.AboveMaxOrderSize,
        RejectReason.OffTick => TradingError.OffTick,
        RejectReason.OutsidePriceBand => TradingError.OutsidePriceLimit,
        RejectReason.UnknownOrderId => TradingError.OrderNotFound,
        _ => TradingError.UnsupportedOrder,
    };

    private static ExchangeEvent CashEvent(ExchangeEventKind kind, in ExchangeCommand command) => new()
    {
        Kind = kind, Sequence = command.Sequence, Timestamp = command.Timestamp, TraderId = command.TraderId,
        Value = command.Amount, Reference = command.Reference,
    };

    private static ExchangeEvent ReceiptEvent(ExchangeEventKind kind, in ExchangeCommand command) => new()
    {
        Kind = kind, Sequence = command.Sequence, Timestamp = command.Timestamp, TraderId = command.TraderId,
        InstrumentId = command.InstrumentId, Quantity = command.Quantity, Reference = command.Reference,
    };

    private bool IsDuplicate(in ExchangeCommand command) => command.Reference != 0 && _references.Contains((command.Kind, command.Reference));

    private void Remember(in ExchangeCommand command)
    {
        if (command.Reference != 0)
        {
            _references.Add((command.Kind, command.Reference));
        }
    }

    private static long CeilDiv(long numerator, long divisor) => (numerator + divisor - 1) / divisor;

    /// <summary>Σ(price x kg) / Σkg to the nearest tick, halves up.</summary>
    private static long RoundToTick(Int128 priceKg, long kilograms, long tick)
    {
        Int128 divisor = (Int128)kilograms * tick;
        return (long)((priceKg * 2 + divisor) / (divisor * 2)) * tick;
    }
}
