using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Plugins.WarehouseReceipts.Data.Migrations
{
    /// <inheritdoc />
    public partial class WithdrawalPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PayoutAccount",
                table: "warehouse_receipts_trading_movements",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayoutAccountHolder",
                table: "warehouse_receipts_trading_movements",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayoutBank",
                table: "warehouse_receipts_trading_movements",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayoutId",
                table: "warehouse_receipts_trading_movements",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PayoutAccount",
                table: "warehouse_receipts_trading_movements");

            migrationBuilder.DropColumn(
                name: "PayoutAccountHolder",
                table: "warehouse_receipts_trading_movements");

            migrationBuilder.DropColumn(
                name: "PayoutBank",
                table: "warehouse_receipts_trading_movements");

            migrationBuilder.DropColumn(
                name: "PayoutId",
                table: "warehouse_receipts_trading_movements");
        }
    }
}
