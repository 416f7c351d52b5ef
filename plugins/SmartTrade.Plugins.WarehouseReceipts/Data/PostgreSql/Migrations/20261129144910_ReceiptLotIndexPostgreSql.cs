using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The lot index on receipts: a delivery finds the buyer's active receipt of the delivered lot with it, to join the
    /// goods to that receipt instead of issuing the buyer one more.
    /// </summary>
    public partial class ReceiptLotIndexPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_receipts_Lot",
                table: "warehouse_receipts_receipts",
                columns: new[] { "OwnerId", "InstrumentCode", "Status", "GradeId", "WarehouseCode", "ProductionDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_warehouse_receipts_receipts_Lot",
                table: "warehouse_receipts_receipts");
        }
    }
}
