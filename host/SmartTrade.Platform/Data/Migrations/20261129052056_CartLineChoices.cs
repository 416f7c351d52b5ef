using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CartLineChoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChoicesJson",
                table: "cart_lines",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChoicesJson",
                table: "cart_lines");
        }
    }
}
