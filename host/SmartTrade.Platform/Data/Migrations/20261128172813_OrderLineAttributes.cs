using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartTrade.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderLineAttributes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AttributesJson",
                table: "order_lines",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttributesJson",
                table: "order_lines");
        }
    }
}
