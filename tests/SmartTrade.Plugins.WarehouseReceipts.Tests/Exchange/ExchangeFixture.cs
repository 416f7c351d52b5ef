using SmartTrade.Plugins.WarehouseReceipts.Exchange;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange;

/// <summary>An exchange state driven command by command with increasing sequence numbers, as the sequencer does.</summary>
internal sealed class ExchangeFixture
{
    public const int Pp = 1;
    public const int Hdpe = 2;
    public const long Settlement = 800_000; // 8,000 yuan/t in fen
    public const long Buyer = 10;
    public const long Seller = 20;
    public const long Other = 30;

    private long _sequence;

    public ExchangeState State { get; } = new();

    public ExchangeEventBuffer Events { get; } = new();

    public List<ExchangeCommand> Applied { get; } = [];

    public static ExchangeFixture WithTwoTraders(long buyerCash = 10_000_000_00, long sellerKg = 100_000)
    {
        var fixture = new ExchangeFixture();
        fixture.Ok(ExchangeCommand.AddInstrument(Pp, Settlement));
        fixture.Ok(ExchangeCommand.AddInstrument(Hdpe, 900_000));
        fixture.Ok(ExchangeCommand.Deposit(Buyer, buyerCash));
        fixture.Ok(ExchangeCommand.CreditReceipts(Seller, Pp, sellerKg));
        return fixture;
    }

    public ExchangeReply Do(ExchangeCommand command)
    {
        Events.Clear();
        var sequenced = command with { Sequence = _sequence + 1, Timestamp = 1_764_000_000_000 + _sequence };
        var reply = State.Apply(sequenced, Events);
        if (reply.Succeeded)
        {
            _sequence++;
            Applied.Add(sequenced);
        }
        Assert.Null(State.CheckLedger());
        return reply;
    }

    public ExchangeReply Ok(ExchangeCommand command)
    {
        var reply = Do(command);
        Assert.True(reply.Succeeded, $"{command.Kind} refused: {reply.Error}");
        return reply;
    }

    public IEnumerable<ExchangeEvent> Trades => Events.Events.ToArray().Where(e => e.Kind == ExchangeEventKind.Trade);
}
