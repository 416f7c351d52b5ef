using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartTrade.Plugins.WarehouseReceipts.Registry;

namespace SmartTrade.Plugins.WarehouseReceipts.Data;

// The registry's tables. Keys and indexes only use types every provider orders the same way (strings, integers);
// enums are stored as their names. Reference data is seeded here, so the migrations carry it to every environment.

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> warehouse)
    {
        warehouse.ToTable("warehouses");
        warehouse.HasKey(w => w.Code);
        warehouse.Property(w => w.Code).HasMaxLength(RegistryLimits.CodeLength);
        warehouse.Property(w => w.NameZh).HasMaxLength(100);
        warehouse.Property(w => w.NameEn).HasMaxLength(100);
        warehouse.Property(w => w.AddressZh).HasMaxLength(200);
        warehouse.Property(w => w.AddressEn).HasMaxLength(200);
        warehouse.Ignore(w => w.Names);
        warehouse.HasData(ReferenceData.Warehouses);
    }
}

internal sealed class WarehouseOperatorConfiguration : IEntityTypeConfiguration<WarehouseOperator>
{
    public void Configure(EntityTypeBuilder<WarehouseOperator> op)
    {
        op.ToTable("warehouse_operators");
        op.HasKey(o => new { o.WarehouseCode, o.UserId });
        op.Property(o => o.WarehouseCode).HasMaxLength(RegistryLimits.CodeLength);
        op.Property(o => o.UserId).HasMaxLength(RegistryLimits.UserIdLength);
        op.HasIndex(o => o.UserId);
        op.HasOne<Warehouse>().WithMany().HasForeignKey(o => o.WarehouseCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GradeConfiguration : IEntityTypeConfiguration<Grade>
{
    public void Configure(EntityTypeBuilder<Grade> grade)
    {
        grade.ToTable("grades");
        grade.HasKey(g => g.Id);
        grade.Property(g => g.Id).ValueGeneratedNever();
        grade.Property(g => g.Polymer).HasMaxLength(16);
        grade.Property(g => g.GradeCode).HasMaxLength(RegistryLimits.CodeLength);
        grade.Property(g => g.Producer).HasMaxLength(RegistryLimits.CodeLength);
        grade.Property(g => g.ProducerNameZh).HasMaxLength(100);
        grade.Property(g => g.ProducerNameEn).HasMaxLength(100);
        grade.Property(g => g.Form).HasMaxLength(RegistryLimits.CodeLength);
        grade.Property(g => g.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        grade.Ignore(g => g.ProducerNames);
        grade.HasIndex(g => new { g.InstrumentCode, g.Producer }).IsUnique();
        grade.HasOne<Instrument>().WithMany().HasForeignKey(g => g.InstrumentCode).OnDelete(DeleteBehavior.Restrict);
        grade.HasData(ReferenceData.Grades);
    }
}

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> instrument)
    {
        instrument.ToTable("instruments");
        instrument.HasKey(i => i.Code);
        instrument.Property(i => i.Code).HasMaxLength(RegistryLimits.CodeLength);
        instrument.Property(i => i.Polymer).HasMaxLength(16);
        instrument.Property(i => i.GradeCode).HasMaxLength(RegistryLimits.CodeLength);
        instrument.Property(i => i.NameZh).HasMaxLength(100);
        instrument.Property(i => i.NameEn).HasMaxLength(100);
        instrument.Ignore(i => i.Names);
        instrument.HasIndex(i => i.TradingId).IsUnique();
        instrument.HasData(ReferenceData.Instruments);
    }
}

internal sealed class LoadInConfiguration : IEntityTypeConfiguration<LoadIn>
{
    public void Configure(EntityTypeBuilder<LoadIn> loadIn)
    {
        loadIn.ToTable("load_ins");
        loadIn.HasKey(l => l.Id);
        loadIn.Property(l => l.TraderId).HasMaxLength(RegistryLimits.UserIdLength);
        loadIn.Property(l => l.WarehouseCode).HasMaxLength(RegistryLimits.CodeLength);
        loadIn.Property(l => l.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        loadIn.Property(l => l.BatchNumber).HasMaxLength(RegistryLimits.ReferenceLength);
        loadIn.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        loadIn.Property(l => l.DecidedBy).HasMaxLength(RegistryLimits.UserIdLength);
        loadIn.Property(l => l.RejectionReason).HasMaxLength(RegistryLimits.ReasonLength);
        loadIn.Property(l => l.ReceiptNumber).HasMaxLength(RegistryLimits.NumberLength);
        loadIn.Property(l => l.Version).IsConcurrencyToken();
        loadIn.HasIndex(l => new { l.TraderId, l.Status });
        loadIn.HasIndex(l => new { l.WarehouseCode, l.Status });
        loadIn.HasOne<Warehouse>().WithMany().HasForeignKey(l => l.WarehouseCode).OnDelete(DeleteBehavior.Restrict);
        loadIn.HasOne<Grade>().WithMany().HasForeignKey(l => l.GradeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<WarehouseReceipt>
{
    public void Configure(EntityTypeBuilder<WarehouseReceipt> receipt)
    {
        receipt.ToTable("receipts");
        receipt.HasKey(r => r.Number);
        receipt.Property(r => r.Number).HasMaxLength(RegistryLimits.NumberLength);
        receipt.Property(r => r.OwnerId).HasMaxLength(RegistryLimits.UserIdLength);
        receipt.Property(r => r.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        receipt.Property(r => r.WarehouseCode).HasMaxLength(RegistryLimits.CodeLength);
        receipt.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        receipt.Property(r => r.Version).IsConcurrencyToken();
        receipt.Ignore(r => r.Sources);

        // First-in-first-out delivery reads a trader's active receipts of one instrument in queue order.
        receipt.HasIndex(r => new { r.OwnerId, r.InstrumentCode, r.Status, r.AcquiredSequence });

        // A delivery joins the goods to the buyer's active receipt of the same lot: one lookup per delivery. The inspection
        // certificate is compared on the few rows this finds rather than indexed: a merged receipt's list of certificates
        // can be longer than a PostgreSQL index entry may be.
        receipt.HasIndex(r => new { r.OwnerId, r.InstrumentCode, r.Status, r.GradeId, r.WarehouseCode, r.ProductionDate })
            .HasDatabaseName("IX_warehouse_receipts_receipts_Lot");
        receipt.HasIndex(r => r.LoadInId).IsUnique();
        receipt.HasOne<Warehouse>().WithMany().HasForeignKey(r => r.WarehouseCode).OnDelete(DeleteBehavior.Restrict);
        receipt.HasOne<Grade>().WithMany().HasForeignKey(r => r.GradeId).OnDelete(DeleteBehavior.Restrict);
        receipt.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> pledge)
    {
        pledge.ToTable("pledges");
        pledge.HasKey(p => p.Id);
        pledge.Property(p => p.ReceiptNumber).HasMaxLength(RegistryLimits.NumberLength);
        pledge.Property(p => p.PledgorId).HasMaxLength(RegistryLimits.UserIdLength);
        pledge.Property(p => p.PledgeeId).HasMaxLength(RegistryLimits.UserIdLength);
        pledge.Property(p => p.ReleasedBy).HasMaxLength(RegistryLimits.UserIdLength);
        pledge.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        pledge.Property(p => p.Version).IsConcurrencyToken();
        pledge.HasIndex(p => p.ReceiptNumber);
        pledge.HasIndex(p => new { p.PledgeeId, p.Status });
        pledge.HasIndex(p => new { p.PledgorId, p.Status });
        pledge.HasOne<WarehouseReceipt>().WithMany().HasForeignKey(p => p.ReceiptNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HoldingConfiguration : IEntityTypeConfiguration<Holding>
{
    public void Configure(EntityTypeBuilder<Holding> holding)
    {
        holding.ToTable("holdings", table =>
        {
            // The database refuses what the conditional updates already prevent: no negative or over-frozen holding.
            table.HasCheckConstraint("CK_warehouse_receipts_holdings_quantities", "\"AvailableKg\" >= 0 AND \"FrozenKg\" >= 0 AND \"PledgedKg\" >= 0 AND \"FrozenKg\" <= \"AvailableKg\"");
        });
        holding.HasKey(h => new { h.OwnerId, h.InstrumentCode });
        holding.Property(h => h.OwnerId).HasMaxLength(RegistryLimits.UserIdLength);
        holding.Property(h => h.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        holding.HasOne<Instrument>().WithMany().HasForeignKey(h => h.InstrumentCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransferConfiguration : IEntityTypeConfiguration<ReceiptTransfer>
{
    public void Configure(EntityTypeBuilder<ReceiptTransfer> transfer)
    {
        transfer.ToTable("transfers");
        transfer.HasKey(t => t.TradeRef);
        transfer.Property(t => t.TradeRef).HasMaxLength(RegistryLimits.ReferenceLength);
        transfer.Property(t => t.SellerId).HasMaxLength(RegistryLimits.UserIdLength);
        transfer.Property(t => t.BuyerId).HasMaxLength(RegistryLimits.UserIdLength);
        transfer.Property(t => t.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        transfer.Property(t => t.Source).HasConversion<string>().HasMaxLength(16);
        transfer.HasIndex(t => t.SellerId);
        transfer.HasIndex(t => t.BuyerId);
    }
}

internal sealed class RegistryLogConfiguration : IEntityTypeConfiguration<RegistryLogEntry>
{
    public void Configure(EntityTypeBuilder<RegistryLogEntry> entry)
    {
        entry.ToTable("registry_log");
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).ValueGeneratedNever();
        entry.Property(e => e.Action).HasMaxLength(32);
        entry.Property(e => e.ActorId).HasMaxLength(RegistryLimits.UserIdLength);
        entry.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        entry.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
    }
}

internal sealed class RegistryLogReceiptConfiguration : IEntityTypeConfiguration<RegistryLogReceipt>
{
    public void Configure(EntityTypeBuilder<RegistryLogReceipt> index)
    {
        index.ToTable("registry_log_receipts");
        index.HasKey(i => new { i.ReceiptNumber, i.Sequence });
        index.Property(i => i.ReceiptNumber).HasMaxLength(RegistryLimits.NumberLength);
        index.HasOne<RegistryLogEntry>().WithMany().HasForeignKey(i => i.Sequence).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChainHeadConfiguration : IEntityTypeConfiguration<RegistryChainHead>
{
    public void Configure(EntityTypeBuilder<RegistryChainHead> head)
    {
        head.ToTable("registry_chain_head");
        head.HasKey(h => h.Id);
        head.Property(h => h.Id).ValueGeneratedNever();
        head.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
        head.HasData(new RegistryChainHead { Id = RegistryChainHead.SingletonId, Sequence = 0, Hash = RegistryHash.Genesis });
    }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> sequence)
    {
        sequence.ToTable("number_sequences");
        sequence.HasKey(s => s.Name);
        sequence.Property(s => s.Name).HasMaxLength(RegistryLimits.CodeLength);
    }
}
