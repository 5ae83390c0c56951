using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class SessionsEtConnexions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "desactive",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "echecs_connexion",
                columns: table => new
                {
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    client = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    echecs = table.Column<int>(type: "integer", nullable: false),
                    dernier_echec = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    verrouille_jusqua = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_echecs_connexion", x => new { x.email, x.client });
                });

            migrationBuilder.CreateIndex(
                name: "ix_echecs_connexion_dernier_echec",
                table: "echecs_connexion",
                column: "dernier_echec");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "echecs_connexion");

            migrationBuilder.DropColumn(
                name: "desactive",
                table: "AspNetUsers");
        }
    }
}
