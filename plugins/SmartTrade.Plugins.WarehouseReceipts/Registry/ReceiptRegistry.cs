using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartTrade.Plugins.WarehouseReceipts.Data;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// The warehouse-receipt registry (scoped): load-ins, issue, acceptance, pledges, split and merge, delivery for trades,
/// freezing for sell orders, cancellation for load-out, and the hash-chained log of every change.
/// </summary>
/// <remarks>
/// <para>
/// Every change runs in one database transaction. When the context already has one open (the trading settlement's),
/// the change joins it inside a savepoint: a refusal rolls back to the savepoint and leaves the caller's transaction
/// usable, and nothing is committed; otherwise the registry opens, commits and (on a concurrent change) retries its own.
/// </para>
/// <para>
/// Nothing relies on one database's locking. Quantity checks are conditional updates of the trader's
/// <see cref="Holding"/> row (<c>UPDATE ... WHERE AvailableKg - FrozenKg &gt;= @kg</c>), receipts and load-ins carry a
/// version checked on every update, and the log is appended by incrementing its head row before reading it, so
/// appends queue on that row. Locks are always taken in the same order (transfer record, holdings by owner id,
/// number counter, chain head, receipts), so concurrent changes wait for each other instead of deadlocking.
/// </para>
/// </remarks>
public sealed partial class ReceiptRegistry(WarehouseReceiptsDbContext db, TimeProvider time)
{
    /// <summary>The actor recorded for changes the platform makes by itself, such as deliveries for trades.</summary>
    public const string SystemActor = "system";

    private const int MaxAttempts = 8;

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<Type> RegistryTypes =
    [
        typeof(Warehouse), typeof(WarehouseOperator), typeof(Grade), typeof(Instrument), typeof(LoadIn), typeof(WarehouseReceipt),
        typeof(Pledge), typeof(Holding), typeof(ReceiptTransfer), typeof(RegistryLogEntry), typeof(RegistryLogReceipt),
        typeof(RegistryChainHead), typeof(NumberSequence),
    ];

    private static readonly TimeZoneInfo China = FindChinaTime();

    private static long _savepoints;

    /// <summary>The approved warehouses, by code.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<List<Warehouse>> WarehousesAsync(CancellationToken cancellationToken)
        => db.Warehouses.AsNoTracking().OrderBy(w => w.Code).ToListAsync(cancellationToken);

    /// <summary>The deliverable grades, by id.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<List<Grade>> GradesAsync(CancellationToken cancellationToken)
        => db.Grades.AsNoTracking().OrderBy(g => g.Id).ToListAsync(cancellationToken);

    /// <summary>The instruments, by code.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<List<Instrument>> InstrumentsAsync(CancellationToken cancellationToken)
        => db.Instruments.AsNoTracking().OrderBy(i => i.Code).ToListAsync(cancellationToken);

    /// <summary>One instrument, or <see langword="null"/>.</summary>
    /// <param name="code">The instrument code, such as <c>PP-T30S</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<Instrument?> FindInstrumentAsync(string code, CancellationToken cancellationToken)
        => db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);

    /// <summary>Runs a change in a transaction of its own, or inside the caller's under a savepoint.</summary>
    private async Task<RegistryResult<T>> WriteAsync<T>(Func<DateTimeOffset, Task<RegistryResult<T>>> change, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            return await WithinAsync(outer, change, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            ForgetTracked();
            var committed = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await change(Now());
                if (result.Succeeded)
                {
                    await transaction.CommitAsync(cancellationToken);
                    committed = true;
                }

                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed a row this change read; read again and retry.
            }
            catch (DbUpdateConcurrencyException)
            {
                return Refuse(409, RegistryProblems.ConcurrentChange, "The registry changed under this request too often; retry it.");
            }
            finally
            {
                if (!committed)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    ForgetTracked();
                }
            }
        }
    }

    private async Task<RegistryResult<T>> WithinAsync<T>(IDbContextTransaction outer, Func<DateTimeOffset, Task<RegistryResult<T>>> change, CancellationToken cancellationToken)
    {
        // The caller's pending changes are saved before the savepoint, so a refusal cannot roll back what it
        // believes saved.
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        ForgetTracked();
        var savepoint = $"receipt_registry_{Interlocked.Increment(ref _savepoints).ToString(CultureInfo.InvariantCulture)}";
        await outer.CreateSavepointAsync(savepoint, cancellationToken);
        var succeeded = false;
        try
        {
            var result = await change(Now());
            succeeded = result.Succeeded;
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(409, RegistryProblems.ConcurrentChange, "The registry changed under this request; retry the transaction.");
        }
        finally
        {
            if (succeeded)
            {
                await outer.ReleaseSavepointAsync(savepoint, CancellationToken.None);
            }
            else
            {
                await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None);
                ForgetTracked();
            }
        }
    }

    /// <summary>Stops tracking registry rows, so the next read sees the database and a rolled-back change leaves nothing behind.</summary>
    private void ForgetTracked()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => RegistryTypes.Contains(e.Entity.GetType())).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private DateTimeOffset Now() => RegistryHash.Truncate(time.GetUtcNow());

    private static RegistryRefusal Refuse(int status, string code, string detail, string? field = null) => new(status, code, detail, field);

    /// <summary>
    /// Appends an entry to the chain. The head row is incremented first (which locks it until commit on every
    /// database), then read, so concurrent appends take consecutive sequences; the new hash is written only if the
    /// head is still the one read.
    /// </summary>
    private async Task<RegistryLogEntry> AppendAsync(DateTimeOffset at, string action, string actorId, IReadOnlyList<string> numbers, object details, CancellationToken cancellationToken)
    {
        var locked = await db.ChainHead.Where(h => h.Id == RegistryChainHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence + 1), cancellationToken);
        if (locked != 1)
        {
            throw new InvalidOperationException("The registry chain head is missing; the plugin's migrations create it.");
        }

        var head = await db.ChainHead.AsNoTracking().SingleAsync(h => h.Id == RegistryChainHead.SingletonId, cancellationToken);
        var entry = new RegistryLogEntry
        {
            Sequence = head.Sequence,
            At = at,
            Action = action,
            ActorId = actorId,
            ReceiptNumbers = string.Join(',', numbers),
            Details = JsonSerializer.Serialize(details, DetailsJson),
            PreviousHash = head.Hash,
            Hash = string.Empty,
        };
        entry.Hash = entry.ComputeHash();
        var hash = entry.Hash;
        var previous = entry.PreviousHash;
        var sequence = entry.Sequence;
        var advanced = await db.ChainHead
            .Where(h => h.Id == RegistryChainHead.SingletonId && h.Sequence == sequence && h.Hash == previous)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Hash, hash), cancellationToken);
        if (advanced != 1)
        {
            throw new DbUpdateConcurrencyException("The registry chain moved while an entry was appended.");
        }

        db.RegistryLog.Add(entry);
        foreach (var number in numbers.Distinct(StringComparer.Ordinal))
        {
            db.RegistryLogReceipts.Add(new RegistryLogReceipt { ReceiptNumber = number, Sequence = entry.Sequence });
        }

        return entry;
    }

    /// <summary>Takes <paramref name="count"/> consecutive receipt numbers of the year (Asia/Shanghai) of <paramref name="at"/>.</summary>
    private async Task<IReadOnlyList<string>> NextNumbersAsync(DateTimeOffset at, int count, CancellationToken cancellationToken)
    {
        var year = TimeZoneInfo.ConvertTime(at, China).Year;
        var name = string.Create(CultureInfo.InvariantCulture, $"receipt-{year}");
        await EnsureRowAsync(s => s.Name == name, () => new NumberSequence { Name = name }, cancellationToken);
        await db.NumberSequences.Where(s => s.Name == name).ExecuteUpdateAsync(s => s.SetProperty(n => n.Last, n => n.Last + count), cancellationToken);
        var last = await db.NumberSequences.Where(s => s.Name == name).Select(s => s.Last).SingleAsync(cancellationToken);
        return Enumerable.Range(0, count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"ZS-{year}-{last - count + 1 + i:000000}"))
            .ToList();
    }

    /// <summary>
    /// Inserts a row unless it exists; a concurrent insert of the same key wins and this one is dropped. The insert
    /// runs in its own savepoint (EF Core's), so a unique-key failure leaves the transaction usable on PostgreSQL too.
    /// </summary>
    /// <returns>Whether this call inserted it.</returns>
    private async Task<bool> EnsureRowAsync<TEntity>(Expression<Func<TEntity, bool>> key, Func<TEntity> create, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (await db.Set<TEntity>().AnyAsync(key, cancellationToken))
        {
            return false;
        }

        var entity = create();
        db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(entity).State = EntityState.Detached;
            if (await db.Set<TEntity>().AnyAsync(key, cancellationToken))
            {
                return false;
            }

            throw;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    private Task EnsureHoldingAsync(string ownerId, string instrument, CancellationToken cancellationToken)
        => EnsureRowAsync<Holding>(h => h.OwnerId == ownerId && h.InstrumentCode == instrument, () => new Holding { OwnerId = ownerId, InstrumentCode = instrument }, cancellationToken);

    /// <summary>Adds to a trader's available quantity (creating the holding), which locks the row until commit.</summary>
    private async Task AddAvailableAsync(string ownerId, string instrument, long kg, CancellationToken cancellationToken, bool frozen = false)
    {
        await EnsureHoldingAsync(ownerId, instrument, cancellationToken);
        var frozenKg = frozen ? kg : 0;
        await db.Holdings.Where(h => h.OwnerId == ownerId && h.InstrumentCode == instrument)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.AvailableKg, h => h.AvailableKg + kg).SetProperty(h => h.FrozenKg, h => h.FrozenKg + frozenKg), cancellationToken);
    }

    /// <summary>Takes free quantity (available, not frozen) away, if there is enough; locks the row either way.</summary>
    private async Task<bool> TakeFreeAsync(string ownerId, string instrument, long kg, CancellationToken cancellationToken)
        => await db.Holdings.Where(h => h.OwnerId == ownerId && h.InstrumentCode == instrument && h.AvailableKg - h.FrozenKg >= kg)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.AvailableKg, h => h.AvailableKg - kg), cancellationToken) == 1;

    /// <summary>Locks a trader's holding row, so their receipts of the instrument change one request at a time.</summary>
    private Task LockHoldingAsync(string ownerId, string instrument, CancellationToken cancellationToken)
        => db.Holdings.Where(h => h.OwnerId == ownerId && h.InstrumentCode == instrument)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.AvailableKg, h => h.AvailableKg), cancellationToken);

    /// <summary>What the log records of a receipt after a change; verification compares the receipt with it.</summary>
    private static ReceiptState StateOf(WarehouseReceipt r) => new(r.Number, r.OwnerId, r.InstrumentCode, r.GradeId, r.WarehouseCode, r.QuantityKg, r.Status);

    private static void Touch(WarehouseReceipt receipt, DateTimeOffset at)
    {
        receipt.UpdatedAt = at;
        receipt.Version++;
    }

    private static bool ValidQuantity(long kg) => kg is > 0 and <= RegistryLimits.MaxQuantityKg;

    private static RegistryRefusal InvalidQuantity(string field) => Refuse(
        400,
        RegistryProblems.InvalidQuantity,
        string.Create(CultureInfo.InvariantCulture, $"A quantity is a whole number of kg from 1 to {RegistryLimits.MaxQuantityKg:N0}."),
        field);

    private static RegistryRefusal? CheckText(string? value, int maxLength, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Refuse(400, RegistryProblems.InvalidInput, $"{field} is required.", field) : null;
        }

        return value.Length > maxLength
            ? Refuse(400, RegistryProblems.InvalidInput, string.Create(CultureInfo.InvariantCulture, $"{field} is at most {maxLength} characters."), field)
            : null;
    }

    private static RegistryRefusal ReceiptNotFound(string number) => Refuse(404, RegistryProblems.ReceiptNotFound, $"There is no receipt {number}.");

    private static RegistryRefusal NotOwner(string number) => Refuse(403, RegistryProblems.NotReceiptOwner, $"Receipt {number} belongs to someone else.");

    private static RegistryRefusal NotActive(WarehouseReceipt receipt) => Refuse(
        409, RegistryProblems.ReceiptNotActive, $"Receipt {receipt.Number} is {receipt.Status}; only an active receipt can be used.");

    private static RegistryRefusal InsufficientFree(string instrument, long kg) => Refuse(
        409,
        RegistryProblems.InsufficientFreeQuantity,
        string.Create(CultureInfo.InvariantCulture, $"Not enough free {instrument} (neither frozen for sell orders nor pledged) for {kg} kg."));

    private static TimeZoneInfo FindChinaTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    /// <summary>A receipt's state after a change, as the log records it.</summary>
    private sealed record ReceiptState(string Number, string OwnerId, string Instrument, int GradeId, string Warehouse, long QuantityKg, ReceiptStatus Status);
}
