using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The exchange's journal and its fence, for several hosts sharing the database (PostgreSqlJournal). They are
    /// written with Npgsql directly on the exchange's hot path and are not part of the EF Core model, so the model
    /// snapshot does not change and SQLite, which only a single host uses, has no such tables.
    /// </summary>
    public partial class ExchangeJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "warehouse_receipts_exchange_journal",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    fencing_token = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_warehouse_receipts_exchange_journal", x => x.sequence));

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_exchange_fence",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    token = table.Column<long>(type: "bigint", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_warehouse_receipts_exchange_fence", x => x.name));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "warehouse_receipts_exchange_fence");
            migrationBuilder.DropTable(name: "warehouse_receipts_exchange_journal");
        }
    }
}
