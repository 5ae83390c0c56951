using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    auteur_id = table.Column<Guid>(type: "uuid", nullable: true),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    dry_run = table.Column<bool>(type: "boolean", nullable: false),
                    asynchrone = table.Column<bool>(type: "boolean", nullable: false),
                    statut = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    octets = table.Column<long>(type: "bigint", nullable: false),
                    lignes_lues = table.Column<int>(type: "integer", nullable: false),
                    demarre_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    termine_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rapport = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_imports_editions_edition_annee",
                        column: x => x.edition_annee,
                        principalTable: "editions",
                        principalColumn: "annee",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fiches_candidature_titre",
                table: "fiches_actions",
                columns: new[] { "candidature_id", "titre" });

            migrationBuilder.CreateIndex(
                name: "ix_imports_edition_annee_demarre_le",
                table: "imports",
                columns: new[] { "edition_annee", "demarre_le" });

            migrationBuilder.CreateIndex(
                name: "ix_imports_statut",
                table: "imports",
                column: "statut");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropIndex(
                name: "ix_fiches_candidature_titre",
                table: "fiches_actions");
        }
    }
}
