using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Plugins.WarehouseReceipts.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExchangeAccountsAndSettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReferencePrice",
                table: "warehouse_receipts_instruments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "TradingId",
                table: "warehouse_receipts_instruments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_settled_trades",
                columns: table => new
                {
                    TradeRef = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstrumentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TradeSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    JournalSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Price = table.Column<long>(type: "INTEGER", nullable: false),
                    QuantityKg = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerFee = table.Column<long>(type: "INTEGER", nullable: false),
                    SellerFee = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerTraderId = table.Column<long>(type: "INTEGER", nullable: false),
                    SellerTraderId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SellerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BuyerWasAggressor = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExecutedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DeliveredNumbers = table.Column<string>(type: "TEXT", nullable: false),
                    DeliveryProblem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_settled_trades", x => x.TradeRef);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_settlement_checkpoint",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    JournalSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_settlement_checkpoint", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_trading_accounts",
                columns: table => new
                {
                    TraderId = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_trading_accounts", x => x.TraderId);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_trading_movements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TraderId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InstrumentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GatewayId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_trading_movements", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "ABS-0215A",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 1105000L, 9 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "ABS-PA-757",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 1240000L, 10 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "HDPE-5000S",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 823000L, 4 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "HDPE-DMDA8008",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 808000L, 5 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "LDPE-2426H",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 978000L, 7 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "LLDPE-7042",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 812000L, 6 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "PET-CR-8816",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 628000L, 12 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "PP-K8003",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 765000L, 2 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "PP-T30S",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 742000L, 1 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "PP-Z30S",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 756000L, 3 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "PS-GPPS-123P",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 865000L, 11 });

            migrationBuilder.UpdateData(
                table: "warehouse_receipts_instruments",
                keyColumn: "Code",
                keyValue: "PVC-SG-5",
                columns: new[] { "ReferencePrice", "TradingId" },
                values: new object[] { 518000L, 8 });

            migrationBuilder.InsertData(
                table: "warehouse_receipts_settlement_checkpoint",
                columns: new[] { "Id", "JournalSequence" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_instruments_TradingId",
                table: "warehouse_receipts_instruments",
                column: "TradingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_BuyerId_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "BuyerId", "JournalSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_InstrumentCode_TradeSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "InstrumentCode", "TradeSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                column: "JournalSequence");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_Published_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "Published", "JournalSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_SellerId_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "SellerId", "JournalSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_accounts_UserId",
                table: "warehouse_receipts_trading_accounts",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_movements_Status",
                table: "warehouse_receipts_trading_movements",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_movements_TraderId_Id",
                table: "warehouse_receipts_trading_movements",
                columns: new[] { "TraderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_movements_UserId_IdempotencyKey",
                table: "warehouse_receipts_trading_movements",
                columns: new[] { "UserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warehouse_receipts_settled_trades");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_settlement_checkpoint");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_trading_accounts");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_trading_movements");

            migrationBuilder.DropIndex(
                name: "IX_warehouse_receipts_instruments_TradingId",
                table: "warehouse_receipts_instruments");

            migrationBuilder.DropColumn(
                name: "ReferencePrice",
                table: "warehouse_receipts_instruments");

            migrationBuilder.DropColumn(
                name: "TradingId",
                table: "warehouse_receipts_instruments");
        }
    }
}
