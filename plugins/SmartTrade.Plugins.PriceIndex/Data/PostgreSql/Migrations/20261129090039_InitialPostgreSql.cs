using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartTrade.Plugins.PriceIndex.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "price_index_assessments",
                columns: table => new
                {
                    Grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WindowEndMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PriceMinor = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MethodologyVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PublishedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    CorrectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InputsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_assessments", x => new { x.Grade, x.WindowEndMs, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "price_index_index_values",
                columns: table => new
                {
                    IndexCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WindowEndMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ValueHundredths = table.Column<long>(type: "bigint", nullable: false),
                    MethodologyVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PublishedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    CorrectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InputsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_index_values", x => new { x.IndexCode, x.WindowEndMs, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "price_index_judgments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WindowEndMs = table.Column<long>(type: "bigint", nullable: false),
                    PriceMinor = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AssessorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EnteredAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_judgments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "price_index_methodology_versions",
                columns: table => new
                {
                    Version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFromMs = table.Column<long>(type: "bigint", nullable: false),
                    PublishedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ParametersJson = table.Column<string>(type: "text", nullable: false),
                    NoteZh = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NoteEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_methodology_versions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "price_index_publication_cursor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastWindowEndMs = table.Column<long>(type: "bigint", nullable: false),
                    StateJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_publication_cursor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "price_index_quotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PriceMinor = table.Column<long>(type: "bigint", nullable: false),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    SubmitterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmitterName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubmittedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ValidUntilMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_quotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "price_index_trades",
                columns: table => new
                {
                    TradeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MarketId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Grade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PriceMinor = table.Column<long>(type: "bigint", nullable: false),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    ExecutedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_index_trades", x => x.TradeId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_price_index_assessments_WindowEndMs",
                table: "price_index_assessments",
                column: "WindowEndMs");

            migrationBuilder.CreateIndex(
                name: "IX_price_index_index_values_WindowEndMs",
                table: "price_index_index_values",
                column: "WindowEndMs");

            migrationBuilder.CreateIndex(
                name: "IX_price_index_judgments_WindowEndMs",
                table: "price_index_judgments",
                column: "WindowEndMs");

            migrationBuilder.CreateIndex(
                name: "IX_price_index_methodology_versions_Sequence",
                table: "price_index_methodology_versions",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_price_index_quotes_SubmitterId",
                table: "price_index_quotes",
                column: "SubmitterId");

            migrationBuilder.CreateIndex(
                name: "IX_price_index_quotes_ValidUntilMs",
                table: "price_index_quotes",
                column: "ValidUntilMs");

            migrationBuilder.CreateIndex(
                name: "IX_price_index_trades_ExecutedAtMs",
                table: "price_index_trades",
                column: "ExecutedAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "price_index_assessments");

            migrationBuilder.DropTable(
                name: "price_index_index_values");

            migrationBuilder.DropTable(
                name: "price_index_judgments");

            migrationBuilder.DropTable(
                name: "price_index_methodology_versions");

            migrationBuilder.DropTable(
                name: "price_index_publication_cursor");

            migrationBuilder.DropTable(
                name: "price_index_quotes");

            migrationBuilder.DropTable(
                name: "price_index_trades");
        }
    }
}
