using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Registry;

namespace SmartTrade.Plugins.WarehouseReceipts.Data;

// The exchange's tables beside the registry: trading accounts, movements into and out of trading, settled trades
// and the settlement checkpoint. The exchange's own state lives in its journal; these rows are what the registry and
// people need to see, and what makes movements and settlement exactly-once across crashes.

internal sealed class TradingAccountConfiguration : IEntityTypeConfiguration<TradingAccount>
{
    public void Configure(EntityTypeBuilder<TradingAccount> account)
    {
        account.ToTable("trading_accounts");
        account.HasKey(a => a.TraderId);
        account.Property(a => a.TraderId).ValueGeneratedOnAdd();
        account.Property(a => a.UserId).HasMaxLength(RegistryLimits.UserIdLength);
        account.HasIndex(a => a.UserId).IsUnique();
    }
}

internal sealed class TradingMovementConfiguration : IEntityTypeConfiguration<TradingMovement>
{
    public void Configure(EntityTypeBuilder<TradingMovement> movement)
    {
        movement.ToTable("trading_movements");
        movement.HasKey(m => m.Id);
        movement.Property(m => m.Id).ValueGeneratedOnAdd();
        movement.Property(m => m.UserId).HasMaxLength(RegistryLimits.UserIdLength);
        movement.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        movement.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        movement.Property(m => m.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        movement.Property(m => m.PaymentIntentId).HasMaxLength(100);
        movement.Property(m => m.GatewayId).HasMaxLength(32);
        movement.Property(m => m.PayoutAccountHolder).HasMaxLength(TradingMovements.PayoutNameLength);
        movement.Property(m => m.PayoutAccount).HasMaxLength(TradingMovements.PayoutAccountLength);
        movement.Property(m => m.PayoutBank).HasMaxLength(TradingMovements.PayoutNameLength);
        movement.Property(m => m.PayoutId).HasMaxLength(100);
        movement.Property(m => m.IdempotencyKey).HasMaxLength(RegistryLimits.ReferenceLength);
        movement.Property(m => m.Failure).HasMaxLength(300);
        movement.HasIndex(m => new { m.UserId, m.IdempotencyKey }).IsUnique();
        movement.HasIndex(m => m.Status);
        movement.HasIndex(m => new { m.TraderId, m.Id });
    }
}

internal sealed class SettledTradeConfiguration : IEntityTypeConfiguration<SettledTrade>
{
    public void Configure(EntityTypeBuilder<SettledTrade> trade)
    {
        trade.ToTable("settled_trades");
        trade.HasKey(t => t.TradeRef);
        trade.Property(t => t.TradeRef).HasMaxLength(RegistryLimits.ReferenceLength);
        trade.Property(t => t.InstrumentCode).HasMaxLength(RegistryLimits.CodeLength);
        trade.Property(t => t.BuyerId).HasMaxLength(RegistryLimits.UserIdLength);
        trade.Property(t => t.SellerId).HasMaxLength(RegistryLimits.UserIdLength);
        trade.Property(t => t.DeliveryProblem).HasMaxLength(300);
        trade.HasIndex(t => new { t.InstrumentCode, t.TradeSequence }).IsUnique();
        trade.HasIndex(t => new { t.BuyerId, t.JournalSequence });
        trade.HasIndex(t => new { t.SellerId, t.JournalSequence });
        trade.HasIndex(t => t.JournalSequence);
        trade.HasIndex(t => new { t.Published, t.JournalSequence });
    }
}

internal sealed class SettlementCheckpointConfiguration : IEntityTypeConfiguration<SettlementCheckpoint>
{
    public void Configure(EntityTypeBuilder<SettlementCheckpoint> checkpoint)
    {
        checkpoint.ToTable("settlement_checkpoint");
        checkpoint.HasKey(c => c.Id);
        checkpoint.Property(c => c.Id).ValueGeneratedNever();
        checkpoint.HasData(new SettlementCheckpoint { Id = 1, JournalSequence = 0 });
    }
}
