using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class RenouvellementsUtilises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "renouvellements_utilises",
                columns: table => new
                {
                    emission = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    compte_id = table.Column<Guid>(type: "uuid", nullable: false),
                    utilise_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_renouvellements_utilises", x => x.emission);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "renouvellements_utilises");
        }
    }
}
