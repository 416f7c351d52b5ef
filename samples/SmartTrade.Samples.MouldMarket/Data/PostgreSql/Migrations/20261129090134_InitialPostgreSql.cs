using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Samples.MouldMarket.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mould_market_inquiries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MouldType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PartDescription = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Cavities = table.Column<int>(type: "integer", nullable: false),
                    ExpectedShots = table.Column<long>(type: "bigint", nullable: false),
                    NeededBy = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mould_market_inquiries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mould_market_inquiries_BuyerId",
                table: "mould_market_inquiries",
                column: "BuyerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mould_market_inquiries");
        }
    }
}
