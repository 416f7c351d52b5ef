namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>A receipt as the registry shows it.</summary>
/// <param name="Number">The receipt number.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="Instrument">The instrument code.</param>
/// <param name="GradeId">The grade's id (see the grades reference data).</param>
/// <param name="Warehouse">The warehouse code.</param>
/// <param name="QuantityKg">Net weight, in kg.</param>
/// <param name="ProductionDate">Production date of the goods.</param>
/// <param name="InspectionCertificate">The warehouse's inspection certificate number(s).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="LoadInId">The load-in it was issued for, if any.</param>
/// <param name="Sources">The receipts it came from, if made by a split, merge or partial transfer (a delivery joining a lot merges).</param>
/// <param name="PledgeId">The pledge it is under, if pledged.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">Its version; every change increments it.</param>
public sealed record ReceiptView(
    string Number,
    string OwnerId,
    string Instrument,
    int GradeId,
    string Warehouse,
    long QuantityKg,
    DateOnly ProductionDate,
    string InspectionCertificate,
    ReceiptStatus Status,
    Guid? LoadInId,
    IReadOnlyList<string> Sources,
    Guid? PledgeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    internal static ReceiptView Of(WarehouseReceipt r) => new(
        r.Number, r.OwnerId, r.InstrumentCode, r.GradeId, r.WarehouseCode, r.QuantityKg, r.ProductionDate, r.InspectionCertificate,
        r.Status, r.LoadInId, r.Sources, r.PledgeId, r.CreatedAt, r.UpdatedAt, r.Version);
}

/// <summary>A load-in declaration as the registry shows it.</summary>
/// <param name="Id">The declaration's id.</param>
/// <param name="TraderId">The declaring trader.</param>
/// <param name="Warehouse">The warehouse code.</param>
/// <param name="GradeId">The grade's id.</param>
/// <param name="Instrument">The instrument code.</param>
/// <param name="DeclaredKg">Declared net weight, in kg.</param>
/// <param name="ProductionDate">Production date of the goods.</param>
/// <param name="BatchNumber">The producer's batch number, if given.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="DeclaredAt">When it was declared.</param>
/// <param name="DecidedAt">When the warehouse issued or rejected it.</param>
/// <param name="DecidedBy">The operator who decided.</param>
/// <param name="RejectionReason">Why it was rejected.</param>
/// <param name="ReceiptNumber">The receipt issued for it.</param>
public sealed record LoadInView(
    Guid Id,
    string TraderId,
    string Warehouse,
    int GradeId,
    string Instrument,
    long DeclaredKg,
    DateOnly ProductionDate,
    string? BatchNumber,
    LoadInStatus Status,
    DateTimeOffset DeclaredAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? RejectionReason,
    string? ReceiptNumber)
{
    internal static LoadInView Of(LoadIn l) => new(
        l.Id, l.TraderId, l.WarehouseCode, l.GradeId, l.InstrumentCode, l.DeclaredKg, l.ProductionDate, l.BatchNumber,
        l.Status, l.DeclaredAt, l.DecidedAt, l.DecidedBy, l.RejectionReason, l.ReceiptNumber);
}

/// <summary>A pledge as the registry shows it.</summary>
/// <param name="Id">The pledge's id.</param>
/// <param name="ReceiptNumber">The receipt pledged.</param>
/// <param name="PledgorId">The owner who pledged it.</param>
/// <param name="PledgeeId">The lender.</param>
/// <param name="QuantityKg">The receipt's net weight, in kg.</param>
/// <param name="Status">Whether it still holds.</param>
/// <param name="PledgedAt">When it was made.</param>
/// <param name="ReleasedAt">When it was released.</param>
/// <param name="ReleasedBy">Who released it.</param>
public sealed record PledgeView(
    Guid Id,
    string ReceiptNumber,
    string PledgorId,
    string PledgeeId,
    long QuantityKg,
    PledgeStatus Status,
    DateTimeOffset PledgedAt,
    DateTimeOffset? ReleasedAt,
    string? ReleasedBy)
{
    internal static PledgeView Of(Pledge p) => new(p.Id, p.ReceiptNumber, p.PledgorId, p.PledgeeId, p.QuantityKg, p.Status, p.PledgedAt, p.ReleasedAt, p.ReleasedBy);
}

/// <summary>A trader's position in one instrument, in kg.</summary>
/// <param name="Instrument">The instrument code.</param>
/// <param name="FreeKg">Sellable now: active receipts neither frozen nor pledged.</param>
/// <param name="FrozenKg">Held for resting sell orders.</param>
/// <param name="PledgedKg">Pledged to lenders.</param>
/// <param name="PendingAcceptanceKg">Issued to the trader but not accepted yet.</param>
public sealed record HoldingView(string Instrument, long FreeKg, long FrozenKg, long PledgedKg, long PendingAcceptanceKg)
{
    /// <summary>Everything the trader holds in the instrument: free, frozen and pledged (accepted receipts).</summary>
    public long TotalKg => FreeKg + FrozenKg + PledgedKg;
}

/// <summary>A delivery of receipt quantity for a trade.</summary>
/// <param name="TradeRef">The trade's reference.</param>
/// <param name="SellerId">The seller.</param>
/// <param name="BuyerId">The buyer.</param>
/// <param name="Instrument">The instrument code.</param>
/// <param name="QuantityKg">The quantity delivered, in kg.</param>
/// <param name="Source">Whether it took free or frozen quantity.</param>
/// <param name="DeliveredNumbers">The receipts the buyer received.</param>
/// <param name="LogSequence">The registry log entry recording it.</param>
/// <param name="At">When it happened.</param>
/// <param name="Replayed">Whether this call repeated an earlier transfer with the same reference (nothing moved).</param>
public sealed record TransferView(
    string TradeRef,
    string SellerId,
    string BuyerId,
    string Instrument,
    long QuantityKg,
    TransferSource Source,
    IReadOnlyList<string> DeliveredNumbers,
    long LogSequence,
    DateTimeOffset At,
    bool Replayed)
{
    internal static TransferView Of(ReceiptTransfer t, bool replayed) => new(
        t.TradeRef, t.SellerId, t.BuyerId, t.InstrumentCode, t.QuantityKg, t.Source, t.DeliveredNumbers.Split(','), t.LogSequence, t.At, replayed);
}

/// <summary>A discrepancy between a trader's holding and their receipts (never expected; the ledger check reports it).</summary>
/// <param name="OwnerId">The trader.</param>
/// <param name="Instrument">The instrument code.</param>
/// <param name="Problem">What does not add up.</param>
public sealed record HoldingDiscrepancy(string OwnerId, string Instrument, string Problem);
