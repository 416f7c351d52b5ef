using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange.Cluster;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>
/// A real SQLite database file with the plugin's migrations applied, as the host would create it, and a fake clock
/// (or, from <see cref="CreateOnPostgreSqlAsync"/>, a PostgreSQL database of its own on the server scripts/test.sh starts).
/// Each <see cref="Registry"/> call is a fresh scope (context and registry), like one request.
/// </summary>
internal sealed class RegistryDatabase : IAsyncDisposable
{
    public const string Trader = "trader-1";
    public const string Trader2 = "trader-2";
    public const string Trader3 = "trader-3";
    public const string Operator = "operator-1";
    public const string OtherOperator = "operator-2";
    public const string Bank = "bank-1";
    public const string Admin = "admin-1";
    public const string Warehouse = "zs-storage-1";
    public const string OtherWarehouse = "zs-storage-2";

    private readonly string? _folder;
    private readonly string _connectionString;
    private readonly JournalDatabase? _postgreSql;
    private int _certificates;

    private RegistryDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("smarttrade-registry-").FullName;
        _connectionString = $"Data Source={Path.Combine(_folder, "registry.db")};Pooling=True;Default Timeout=120";
    }

    private RegistryDatabase(JournalDatabase postgreSql)
    {
        _postgreSql = postgreSql;
        _connectionString = postgreSql.ConnectionString;
    }

    /// <summary>2026-11-20 10:00 in Asia/Shanghai.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

    public static async Task<RegistryDatabase> CreateAsync()
    {
        var database = new RegistryDatabase();
        await using var db = database.Context();
        await db.Database.MigrateAsync();
        return await WithOperatorsAsync(database, db);
    }

    /// <summary>The same on PostgreSQL: a database of its own with the plugin's PostgreSQL migrations, dropped when disposed.</summary>
    public static async Task<RegistryDatabase> CreateOnPostgreSqlAsync()
    {
        var database = new RegistryDatabase(await JournalDatabase.CreateAsync());
        await using var db = database.Context();
        return await WithOperatorsAsync(database, db);
    }

    private static async Task<RegistryDatabase> WithOperatorsAsync(RegistryDatabase database, WarehouseReceiptsDbContext db)
    {
        var registry = new ReceiptRegistry(db, database.Time);
        await registry.AssignOperatorAsync(Admin, Warehouse, Operator, CancellationToken.None);
        await registry.AssignOperatorAsync(Admin, OtherWarehouse, OtherOperator, CancellationToken.None);
        return database;
    }

    public WarehouseReceiptsDbContext Context() => _postgreSql is not null
        ? new WarehouseReceiptsPostgreSqlDbContext(new DbContextOptionsBuilder<WarehouseReceiptsPostgreSqlDbContext>()
            .UseNpgsql(_connectionString, npgsql => npgsql.MigrationsHistoryTable("__warehouse_receipts_migrations"))
            .Options)
        : new WarehouseReceiptsDbContext(new DbContextOptionsBuilder<WarehouseReceiptsDbContext>()
            .UseSqlite(_connectionString, sqlite => sqlite.MigrationsHistoryTable("__warehouse_receipts_migrations"))
            .Options);

    /// <summary>Runs one request's work on a registry of its own.</summary>
    public async Task<T> Registry<T>(Func<ReceiptRegistry, Task<T>> work)
    {
        await using var db = Context();
        return await work(new ReceiptRegistry(db, Time));
    }

    /// <summary>Declares, issues and accepts a receipt for a trader; returns it.</summary>
    /// <remarks>Each receipt is a lot of its own (its own inspection certificate) unless <paramref name="certificate"/> says otherwise.</remarks>
    public async Task<ReceiptView> ActiveReceiptAsync(string owner, long kg, string instrument = "PP-T30S", string producer = "zhenhai-refining", string warehouse = Warehouse, string? certificate = null, DateOnly? produced = null)
    {
        var receipt = await IssuedReceiptAsync(owner, kg, instrument, producer, warehouse, certificate, produced);
        return Ok(await Registry(r => r.AcceptAsync(owner, receipt.Number, CancellationToken.None)));
    }

    /// <summary>Declares and issues a receipt for a trader, not yet accepted; returns it.</summary>
    /// <remarks>Each receipt is a lot of its own (its own inspection certificate) unless <paramref name="certificate"/> says otherwise.</remarks>
    public async Task<ReceiptView> IssuedReceiptAsync(string owner, long kg, string instrument = "PP-T30S", string producer = "zhenhai-refining", string warehouse = Warehouse, string? certificate = null, DateOnly? produced = null)
    {
        var loadIn = Ok(await Registry(r => r.DeclareLoadInAsync(owner, Declaration(kg, instrument, producer, warehouse, produced), CancellationToken.None)));
        var issuer = warehouse == Warehouse ? Operator : OtherOperator;
        certificate ??= $"ZS202611-{Interlocked.Increment(ref _certificates):0000}";
        return Ok(await Registry(r => r.IssueAsync(issuer, loadIn.Id, new ReceiptIssue(kg, certificate), CancellationToken.None)));
    }

    public LoadInDeclaration Declaration(long kg, string instrument = "PP-T30S", string producer = "zhenhai-refining", string warehouse = Warehouse, DateOnly? produced = null)
        => new(instrument, producer, warehouse, kg, produced ?? new DateOnly(2026, 10, 15), "B20261015");

    public Task<IReadOnlyList<HoldingView>> HoldingsAsync(string trader) => Registry(r => r.HoldingsAsync(trader, CancellationToken.None));

    public async Task<HoldingView> HoldingAsync(string trader, string instrument = "PP-T30S")
        => (await HoldingsAsync(trader)).SingleOrDefault(h => h.Instrument == instrument) ?? new HoldingView(instrument, 0, 0, 0, 0);

    public Task<ReceiptView?> ReceiptAsync(string number) => Registry(r => r.ReceiptAsync(number, CancellationToken.None));

    public async Task<long> LogLengthAsync()
    {
        await using var db = Context();
        return await db.RegistryLog.LongCountAsync();
    }

    /// <summary>Asserts the registry is consistent: holdings match receipts and the whole chain verifies.</summary>
    public async Task AssertConsistentAsync()
    {
        Assert.Empty(await Registry(r => r.AuditHoldingsAsync(CancellationToken.None)));
        var chain = await Registry(r => r.VerifyChainAsync(CancellationToken.None));
        Assert.True(chain.Intact, chain.Problem);
    }

    public static T Ok<T>(RegistryResult<T> result)
    {
        Assert.True(result.Succeeded, result.Refusal?.ToString());
        return result.Value!;
    }

    public static RegistryRefusal Refused<T>(RegistryResult<T> result, string code)
    {
        Assert.False(result.Succeeded, "The registry accepted what it should refuse.");
        Assert.Equal(code, result.Refusal!.Code);
        return result.Refusal;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgreSql is not null)
        {
            await _postgreSql.DisposeAsync();
            return;
        }

        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_folder!, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing; the temp folder is cleaned by the OS.
        }
    }
}
