using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Accounts;

/// <summary>
/// A real registry database and a running exchange (file journal, no instruments) for one trading account, to drive
/// <see cref="TradingMovements"/> as requests and restarts do: each call is a scope of its own.
/// </summary>
internal sealed class MovementsHarness : IAsyncDisposable
{
    public const long TraderId = 7;

    private readonly string _journal;

    private MovementsHarness(RegistryDatabase db, ExchangeService exchange, string journal)
    {
        Db = db;
        Exchange = exchange;
        _journal = journal;
    }

    public RegistryDatabase Db { get; }

    public ExchangeService Exchange { get; }

    public static async Task<MovementsHarness> StartAsync()
    {
        var journal = Path.Combine(Directory.CreateTempSubdirectory("smarttrade-movements-").FullName, "exchange.journal");
        var db = await RegistryDatabase.CreateAsync();
        var exchange = new ExchangeService(
            () => new ExchangeSequencer(new FileJournal(journal), TradingCalendar.AroundTheClock, db.Time, NullLogger<ExchangeSequencer>.Instance),
            new NoInstruments(),
            new MarketData(),
            [],
            new ExchangeOptions(),
            NullLogger<ExchangeService>.Instance);
        await exchange.StartAsync(CancellationToken.None);
        return new MovementsHarness(db, exchange, journal);
    }

    /// <summary>The movements over a context of the caller's.</summary>
    public TradingMovements Movements(WarehouseReceiptsDbContext db)
        => new(db, new ReceiptRegistry(db, Db.Time), Exchange, new OneTrader(), Db.Time, NullLogger<TradingMovements>.Instance);

    /// <summary>Runs one request's (or one start's) work on movements of its own.</summary>
    public async Task<T> RunAsync<T>(Func<TradingMovements, Task<T>> work)
    {
        await using var db = Db.Context();
        return await work(Movements(db));
    }

    public async Task<MovementStatus> StatusAsync(long id)
    {
        await using var db = Db.Context();
        return await db.TradingMovements.Where(m => m.Id == id).Select(m => m.Status).SingleAsync();
    }

    /// <summary>The trading account's cash balance on the exchange.</summary>
    public Task<long> CashAsync() => Exchange.Sequencer.ReadAsync(state => state.Cash(TraderId).Balance);

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Db.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_journal)!, recursive: true);
    }

    private sealed class NoInstruments : ITradingInstruments
    {
        public Task<IReadOnlyList<TradingInstrument>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TradingInstrument>>([]);
    }

    private sealed class OneTrader : ITraderAccounts
    {
        public Task<long> GetOrOpenAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(TraderId);

        public Task<long?> FindAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<long?>(TraderId);
    }
}
