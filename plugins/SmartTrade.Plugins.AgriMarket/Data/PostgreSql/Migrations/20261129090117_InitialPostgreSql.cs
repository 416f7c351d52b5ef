using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Plugins.AgriMarket.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agri_market_allocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ListingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AllocatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agri_market_allocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agri_market_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TraceCode = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ListingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ListingTitle = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Product = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProducerName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    OriginTown = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OriginVillage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Farm = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HarvestDate = table.Column<DateOnly>(type: "date", nullable: true),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    ForecastKg = table.Column<long>(type: "bigint", nullable: true),
                    ForecastUnits = table.Column<long>(type: "bigint", nullable: true),
                    ShelfLifeDays = table.Column<int>(type: "integer", nullable: false),
                    Storage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InspectionsJson = table.Column<string>(type: "text", nullable: false),
                    SaleOpens = table.Column<DateOnly>(type: "date", nullable: true),
                    SaleCloses = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveryFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveryTo = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HarvestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agri_market_batches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agri_market_allocations_BatchId_State",
                table: "agri_market_allocations",
                columns: new[] { "BatchId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_agri_market_allocations_OrderId_ListingId",
                table: "agri_market_allocations",
                columns: new[] { "OrderId", "ListingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agri_market_batches_ListingId",
                table: "agri_market_batches",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_agri_market_batches_MerchantId",
                table: "agri_market_batches",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_agri_market_batches_Status_ExpiresOn",
                table: "agri_market_batches",
                columns: new[] { "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_agri_market_batches_TraceCode",
                table: "agri_market_batches",
                column: "TraceCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agri_market_allocations");

            migrationBuilder.DropTable(
                name: "agri_market_batches");
        }
    }
}
