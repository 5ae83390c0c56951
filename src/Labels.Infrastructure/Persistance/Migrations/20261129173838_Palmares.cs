using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class Palmares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "parametres_ten_cinq_arobases_requis",
                table: "editions",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<int>(
                name: "parametres_ten_duree_validite",
                table: "editions",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "parametres_ten_premiere_edition",
                table: "editions",
                type: "integer",
                nullable: false,
                defaultValue: 2021);

            migrationBuilder.CreateTable(
                name: "palmares_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    publie_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changements = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_palmares_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_palmares_versions_editions_edition_annee",
                        column: x => x.edition_annee,
                        principalTable: "editions",
                        principalColumn: "annee",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "laureats",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    palmares_id = table.Column<Guid>(type: "uuid", nullable: false),
                    collectivite_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code_insee = table.Column<string>(type: "text", nullable: true),
                    siren = table.Column<string>(type: "text", nullable: true),
                    nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    categorie = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    departement = table.Column<string>(type: "text", nullable: true),
                    region = table.Column<string>(type: "text", nullable: true),
                    population = table.Column<int>(type: "integer", nullable: false),
                    arobases = table.Column<int>(type: "integer", nullable: false),
                    mentions = table.Column<string[]>(type: "text[]", nullable: false),
                    ten_attribue_en = table.Column<int>(type: "integer", nullable: true),
                    ten_valable_jusqu_en = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_laureats", x => x.id);
                    table.ForeignKey(
                        name: "fk_laureats_palmares_versions_palmares_id",
                        column: x => x.palmares_id,
                        principalTable: "palmares_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_laureats_collectivite_id",
                table: "laureats",
                column: "collectivite_id");

            migrationBuilder.CreateIndex(
                name: "ux_laureats_palmares_collectivite",
                table: "laureats",
                columns: new[] { "palmares_id", "collectivite_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_palmares_versions_edition_version",
                table: "palmares_versions",
                columns: new[] { "edition_annee", "version" },
                unique: true);

            // French full-text search for the public catalogue: accents ignored, French stemming.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent");
            migrationBuilder.Sql("CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french)");
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem");
            // Filled when the édition's palmarès is published (the catalogue shows published éditions only),
            // so that bulk imports do not pay for text analysis row by row.
            migrationBuilder.Sql("ALTER TABLE fiches_actions ADD COLUMN recherche tsvector");
            migrationBuilder.Sql("CREATE INDEX ix_fiches_actions_recherche ON fiches_actions USING gin (recherche)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE fiches_actions DROP COLUMN IF EXISTS recherche");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS public.fr_unaccent");

            migrationBuilder.DropTable(
                name: "laureats");

            migrationBuilder.DropTable(
                name: "palmares_versions");

            migrationBuilder.DropColumn(
                name: "parametres_ten_cinq_arobases_requis",
                table: "editions");

            migrationBuilder.DropColumn(
                name: "parametres_ten_duree_validite",
                table: "editions");

            migrationBuilder.DropColumn(
                name: "parametres_ten_premiere_edition",
                table: "editions");
        }
    }
}
