using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Plugins.ApplianceMarket.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialWholesaleAndQuotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appliance_market_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextZh = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Read = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appliance_market_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "appliance_market_price_tiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MinQuantity = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitPriceMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appliance_market_price_tiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "appliance_market_quote_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BuyerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BuyerCompany = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ListingTitleZh = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ListingTitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RetailPriceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BuyerNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnitPriceMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    MerchantNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeclinedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
