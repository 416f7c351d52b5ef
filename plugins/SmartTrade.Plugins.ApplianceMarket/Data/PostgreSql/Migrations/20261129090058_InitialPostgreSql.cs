using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartTrade.Plugins.ApplianceMarket.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appliance_market_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    TextZh = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    TextEn = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Read = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appliance_market_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "appliance_market_price_tiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListingId = table.Column<Guid>(type: "uuid", nullable: false),
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MinQuantity = table.Column<long>(type: "bigint", nullable: false),
                    UnitPriceMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appliance_market_price_tiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "appliance_market_quote_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ListingId = table.Column<Guid>(type: "uuid", nullable: false),
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BuyerCompany = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ListingTitleZh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ListingTitleEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RetailPriceMinor = table.Column<long>(type: "bigint", nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "date", nullable: false),
                    BuyerNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UnitPriceMinor = table.Column<long>(type: "bigint", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MerchantNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DeclinedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appliance_market_quote_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_appliance_market_notifications_UserId_Read",
                table: "appliance_market_notifications",
                columns: new[] { "UserId", "Read" });

            migrationBuilder.CreateIndex(
                name: "IX_appliance_market_price_tiers_ListingId_MinQuantity",
                table: "appliance_market_price_tiers",
                columns: new[] { "ListingId", "MinQuantity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_appliance_market_price_tiers_MerchantId",
                table: "appliance_market_price_tiers",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_appliance_market_quote_requests_BuyerId",
                table: "appliance_market_quote_requests",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_appliance_market_quote_requests_ListingId",
                table: "appliance_market_quote_requests",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_appliance_market_quote_requests_MerchantId",
                table: "appliance_market_quote_requests",
                column: "MerchantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appliance_market_notifications");

            migrationBuilder.DropTable(
                name: "appliance_market_price_tiers");

            migrationBuilder.DropTable(
                name: "appliance_market_quote_requests");
        }
    }
}
