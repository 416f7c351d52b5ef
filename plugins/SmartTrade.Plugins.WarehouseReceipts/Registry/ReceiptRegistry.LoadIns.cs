using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>A trader's load-in declaration.</summary>
/// <param name="Instrument">The instrument code, such as <c>PP-T30S</c>.</param>
/// <param name="Producer">The producer's code, such as <c>zhenhai-refining</c>; with the instrument it names the grade.</param>
/// <param name="Warehouse">The approved warehouse the goods go into.</param>
/// <param name="QuantityKg">The declared net weight, in kg.</param>
/// <param name="ProductionDate">The production date on the bags; not in the future.</param>
/// <param name="BatchNumber">The producer's batch number, optional.</param>
public sealed record LoadInDeclaration(string? Instrument, string? Producer, string? Warehouse, long QuantityKg, DateOnly? ProductionDate, string? BatchNumber = null);

/// <summary>What the warehouse found at inspection, for the receipt it issues.</summary>
/// <param name="NetWeightKg">The net weight found, in kg; the receipt is for this weight.</param>
/// <param name="InspectionCertificate">The inspection certificate number.</param>
public sealed record ReceiptIssue(long NetWeightKg, string? InspectionCertificate);

/// <content>Load-ins: declaration by a trader, then issue or rejection by an operator of the warehouse, then acceptance.</content>
public sealed partial class ReceiptRegistry
{
    /// <summary>A trader declares goods coming into a warehouse.</summary>
    /// <param name="traderId">The trader's user id.</param>
    /// <param name="declaration">What is coming in.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<LoadInView>> DeclareLoadInAsync(string traderId, LoadInDeclaration declaration, CancellationToken cancellationToken)
        => WriteAsync<LoadInView>(async at =>
        {
            if (!ValidQuantity(declaration.QuantityKg))
            {
                return InvalidQuantity("quantityKg");
            }

            if (CheckText(declaration.Instrument, RegistryLimits.CodeLength, "instrument") is { } badInstrument)
            {
                return badInstrument;
            }

            if (!await db.Instruments.AnyAsync(i => i.Code == declaration.Instrument, cancellationToken))
            {
                return Refuse(400, RegistryProblems.UnknownInstrument, $"There is no instrument '{declaration.Instrument}'.", "instrument");
            }

            if (CheckText(declaration.Warehouse, RegistryLimits.CodeLength, "warehouse") is { } badWarehouse)
            {
                return badWarehouse;
            }

            if (!await db.Warehouses.AnyAsync(w => w.Code == declaration.Warehouse, cancellationToken))
            {
                return Refuse(400, RegistryProblems.UnknownWarehouse, $"'{declaration.Warehouse}' is not an approved warehouse.", "warehouse");
            }

            if (CheckText(declaration.Producer, RegistryLimits.CodeLength, "producer") is { } badProducer)
            {
                return badProducer;
            }

            var grade = await db.Grades.AsNoTracking()
                .FirstOrDefaultAsync(g => g.InstrumentCode == declaration.Instrument && g.Producer == declaration.Producer, cancellationToken);
            if (grade is null)
            {
                return Refuse(400, RegistryProblems.UnknownGrade, $"'{declaration.Producer}' is not a registered producer of {declaration.Instrument}.", "producer");
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, China).DateTime);
            if (declaration.ProductionDate is not { } produced || produced > today || produced < today.AddYears(-3))
            {
                return Refuse(400, RegistryProblems.InvalidInput, "The production date is required, not in the future and at most three years ago.", "productionDate");
            }

            if (CheckText(declaration.BatchNumber, RegistryLimits.ReferenceLength, "batchNumber", required: false) is { } badBatch)
            {
                return badBatch;
            }

            var loadIn = new LoadIn
            {
                Id = Guid.CreateVersion7(at),
                TraderId = traderId,
                WarehouseCode = declaration.Warehouse!,
                GradeId = grade.Id,
                InstrumentCode = grade.InstrumentCode,
                DeclaredKg = declaration.QuantityKg,
                ProductionDate = produced,
                BatchNumber = string.IsNullOrWhiteSpace(declaration.BatchNumber) ? null : declaration.BatchNumber.Trim(),
                Status = LoadInStatus.Declared,
                DeclaredAt = at,
            };
            await AppendAsync(at, RegistryActions.LoadInDeclared, traderId, [], new
            {
                loadIn = loadIn.Id,
                trader = traderId,
                warehouse = loadIn.WarehouseCode,
                gradeId = loadIn.GradeId,
                instrument = loadIn.InstrumentCode,
                declaredKg = loadIn.DeclaredKg,
                productionDate = loadIn.ProductionDate,
                batchNumber = loadIn.BatchNumber,
            }, cancellationToken);
            db.LoadIns.Add(loadIn);
            await db.SaveChangesAsync(cancellationToken);
            return LoadInView.Of(loadIn);
        }, cancellationToken);

    /// <summary>
    /// An operator of the load-in's warehouse issues a receipt for the net weight inspected. The receipt belongs to
    /// the declaring trader and waits for their acceptance.
    /// </summary>
    /// <param name="operatorId">The operator's user id.</param>
    /// <param name="loadInId">The load-in.</param>
    /// <param name="issue">The inspection's result.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<ReceiptView>> IssueAsync(string operatorId, Guid loadInId, ReceiptIssue issue, CancellationToken cancellationToken)
        => WriteAsync<ReceiptView>(async at =>
        {
            if (!ValidQuantity(issue.NetWeightKg))
            {
                return InvalidQuantity("netWeightKg");
            }

            if (CheckText(issue.InspectionCertificate, RegistryLimits.ReferenceLength, "inspectionCertificate") is { } badCertificate)
            {
                return badCertificate;
            }

            var (loadIn, refusal) = await DecidableLoadInAsync(operatorId, loadInId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var number = (await NextNumbersAsync(at, 1, cancellationToken))[0];
            var receipt = new WarehouseReceipt
            {
                Number = number,
                OwnerId = loadIn!.TraderId,
                InstrumentCode = loadIn.InstrumentCode,
                GradeId = loadIn.GradeId,
                WarehouseCode = loadIn.WarehouseCode,
                QuantityKg = issue.NetWeightKg,
                ProductionDate = loadIn.ProductionDate,
                InspectionCertificate = issue.InspectionCertificate!.Trim(),
                Status = ReceiptStatus.PendingAcceptance,
                LoadInId = loadIn.Id,
                CreatedAt = at,
                UpdatedAt = at,
            };
            var entry = await AppendAsync(at, RegistryActions.ReceiptIssued, operatorId, [number], new
            {
                loadIn = loadIn.Id,
                declaredKg = loadIn.DeclaredKg,
                inspectionCertificate = receipt.InspectionCertificate,
                productionDate = receipt.ProductionDate,
                receipts = new[] { StateOf(receipt) },
            }, cancellationToken);
            receipt.AcquiredSequence = entry.Sequence;
            db.Receipts.Add(receipt);
            loadIn.Status = LoadInStatus.Issued;
            loadIn.DecidedAt = at;
            loadIn.DecidedBy = operatorId;
            loadIn.ReceiptNumber = number;
            loadIn.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return ReceiptView.Of(receipt);
        }, cancellationToken);

    /// <summary>An operator of the load-in's warehouse rejects it at inspection, with a reason.</summary>
    /// <param name="operatorId">The operator's user id.</param>
    /// <param name="loadInId">The load-in.</param>
    /// <param name="reason">Why, for the trader (up to 500 characters).</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<LoadInView>> RejectLoadInAsync(string operatorId, Guid loadInId, string? reason, CancellationToken cancellationToken)
        => WriteAsync<LoadInView>(async at =>
        {
            if (CheckText(reason, RegistryLimits.ReasonLength, "reason") is { } badReason)
            {
                return badReason;
            }

            var (loadIn, refusal) = await DecidableLoadInAsync(operatorId, loadInId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            loadIn!.Status = LoadInStatus.Rejected;
            loadIn.DecidedAt = at;
            loadIn.DecidedBy = operatorId;
            loadIn.RejectionReason = reason!.Trim();
            loadIn.Version++;
            await AppendAsync(at, RegistryActions.LoadInRejected, operatorId, [], new { loadIn = loadIn.Id, reason = loadIn.RejectionReason }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return LoadInView.Of(loadIn);
        }, cancellationToken);

    /// <summary>The owner accepts a receipt issued to them; it becomes active and counts in their holdings.</summary>
    /// <param name="traderId">The owner's user id.</param>
    /// <param name="number">The receipt number.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<ReceiptView>> AcceptAsync(string traderId, string number, CancellationToken cancellationToken)
        => WriteAsync<ReceiptView>(async at =>
        {
            var peek = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
            if (peek is null)
            {
                return ReceiptNotFound(number);
            }

            if (peek.OwnerId != traderId)
            {
                return NotOwner(number);
            }

            if (peek.Status != ReceiptStatus.PendingAcceptance)
            {
                return NotPending(peek);
            }

            await AddAvailableAsync(peek.OwnerId, peek.InstrumentCode, peek.QuantityKg, cancellationToken);
            var receipt = await db.Receipts.SingleAsync(r => r.Number == number, cancellationToken);
            if (receipt.Status != ReceiptStatus.PendingAcceptance || receipt.OwnerId != traderId)
            {
                return NotPending(receipt);
            }

            receipt.Status = ReceiptStatus.Active;
            Touch(receipt, at);
            await AppendAsync(at, RegistryActions.ReceiptAccepted, traderId, [number], new { receipts = new[] { StateOf(receipt) } }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return ReceiptView.Of(receipt);
        }, cancellationToken);

    /// <summary>One load-in, or <see langword="null"/>.</summary>
    /// <param name="id">The load-in's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<LoadInView?> LoadInAsync(Guid id, CancellationToken cancellationToken)
        => await db.LoadIns.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken) is { } loadIn ? LoadInView.Of(loadIn) : null;

    /// <summary>A trader's load-ins, newest first.</summary>
    /// <param name="traderId">The trader's user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<LoadInView>> LoadInsOfTraderAsync(string traderId, CancellationToken cancellationToken)
        => (await db.LoadIns.AsNoTracking().Where(l => l.TraderId == traderId).ToListAsync(cancellationToken))
            .OrderByDescending(l => l.DeclaredAt).ThenByDescending(l => l.Id).Select(LoadInView.Of).ToList();

    /// <summary>The load-ins at the warehouses a user operates, newest first, optionally of one status.</summary>
    /// <param name="operatorId">The operator's user id.</param>
    /// <param name="status">Only this status, when given.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<LoadInView>> LoadInsAtWarehousesOfAsync(string operatorId, LoadInStatus? status, CancellationToken cancellationToken)
    {
        var warehouses = db.WarehouseOperators.Where(o => o.UserId == operatorId).Select(o => o.WarehouseCode);
        var query = db.LoadIns.AsNoTracking().Where(l => warehouses.Contains(l.WarehouseCode));
        if (status is { } wanted)
        {
            query = query.Where(l => l.Status == wanted);
        }

        return (await query.ToListAsync(cancellationToken)).OrderByDescending(l => l.DeclaredAt).ThenByDescending(l => l.Id).Select(LoadInView.Of).ToList();
    }

    /// <summary>Whether a user operates a warehouse.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="warehouseCode">The warehouse code.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<bool> IsOperatorAsync(string userId, string warehouseCode, CancellationToken cancellationToken)
        => db.WarehouseOperators.AnyAsync(o => o.UserId == userId && o.WarehouseCode == warehouseCode, cancellationToken);

    private static RegistryRefusal NotPending(WarehouseReceipt receipt)
        => Refuse(409, RegistryProblems.ReceiptNotPending, $"Receipt {receipt.Number} is {receipt.Status}, not waiting for acceptance.");

    /// <summary>Loads a load-in for a decision, tracked: it must exist, be at a warehouse the user operates, and be undecided.</summary>
    private async Task<(LoadIn? LoadIn, RegistryRefusal? Refusal)> DecidableLoadInAsync(string operatorId, Guid loadInId, CancellationToken cancellationToken)
    {
        var loadIn = await db.LoadIns.FirstOrDefaultAsync(l => l.Id == loadInId, cancellationToken);
        if (loadIn is null)
        {
            return (null, Refuse(404, RegistryProblems.LoadInNotFound, $"There is no load-in {loadInId}."));
        }

        if (!await IsOperatorAsync(operatorId, loadIn.WarehouseCode, cancellationToken))
        {
            return (null, Refuse(403, RegistryProblems.NotWarehouseOperator, $"Only an operator of {loadIn.WarehouseCode} decides on its load-ins."));
        }

        return loadIn.Status == LoadInStatus.Declared
            ? (loadIn, null)
            : (null, Refuse(409, RegistryProblems.LoadInDecided, $"Load-in {loadInId} was already {loadIn.Status}."));
    }
}
