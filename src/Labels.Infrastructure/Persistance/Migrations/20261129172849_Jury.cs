using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class Jury : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Éditions created before the grid existed get the default grid (Grille.ParDefaut).
            migrationBuilder.AddColumn<string>(
                name: "grille",
                table: "editions",
                type: "jsonb",
                nullable: false,
                defaultValue: "{\"criteres\":[{\"code\":\"qualite-services\",\"nom\":\"Qualité et utilité des services numériques\",\"min\":0,\"max\":10,\"poids\":3,\"compteDansLeTotal\":true},{\"code\":\"inclusion\",\"nom\":\"Inclusion et médiation numérique\",\"min\":0,\"max\":10,\"poids\":2,\"compteDansLeTotal\":true},{\"code\":\"participation\",\"nom\":\"Participation des habitants et démocratie locale\",\"min\":0,\"max\":10,\"poids\":2,\"compteDansLeTotal\":true},{\"code\":\"sobriete\",\"nom\":\"Sobriété et numérique responsable\",\"min\":0,\"max\":10,\"poids\":1,\"compteDansLeTotal\":true},{\"code\":\"mention-suggeree\",\"nom\":\"Mention suggérée (non comptée)\",\"min\":0,\"max\":1,\"poids\":0,\"compteDansLeTotal\":false}],\"seuilsArobases\":[35,50,65,80]}");
            migrationBuilder.Sql("ALTER TABLE editions ALTER COLUMN grille DROP DEFAULT");

            migrationBuilder.AddColumn<int>(
                name: "arobases_proposees",
                table: "distinctions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "justification",
                table: "distinctions",
                type: "character varying(5000)",
                maxLength: 5000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "membres_jury",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    compte_id = table.Column<Guid>(type: "uuid", nullable: false),
                    qualite = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    codes_insee = table.Column<string[]>(type: "text[]", nullable: false),
                    sirens = table.Column<string[]>(type: "text[]", nullable: false),
                    departements = table.Column<string[]>(type: "text[]", nullable: false),
                    departements_effectifs = table.Column<string[]>(type: "text[]", nullable: false),
                    conflits = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membres_jury", x => x.id);
                    table.ForeignKey(
                        name: "fk_membres_jury_editions_edition_annee",
                        column: x => x.edition_annee,
                        principalTable: "editions",
                        principalColumn: "annee",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "affectations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    candidature_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_affectations", x => x.id);
                    table.ForeignKey(
                        name: "fk_affectations_candidatures_candidature_id",
                        column: x => x.candidature_id,
                        principalTable: "candidatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_affectations_jures_jure_id",
                        column: x => x.jure_id,
                        principalTable: "membres_jury",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    candidature_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    notes = table.Column<string>(type: "jsonb", nullable: false),
                    commentaire = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    soumise = table.Column<bool>(type: "boolean", nullable: false),
                    soumise_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluations_candidatures_candidature_id",
                        column: x => x.candidature_id,
                        principalTable: "candidatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_evaluations_jures_jure_id",
                        column: x => x.jure_id,
                        principalTable: "membres_jury",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluations_historique",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    evaluation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidature_id = table.Column<Guid>(type: "uuid", nullable: false),
                    jure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    auteur_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instant = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    avant = table.Column<string>(type: "jsonb", nullable: true),
                    apres = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations_historique", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluations_historique_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_affectations_edition_annee_jure_id",
                table: "affectations",
                columns: new[] { "edition_annee", "jure_id" });

            migrationBuilder.CreateIndex(
                name: "ix_affectations_jure_id",
                table: "affectations",
                column: "jure_id");

            migrationBuilder.CreateIndex(
                name: "ux_affectations_candidature_jure",
                table: "affectations",
                columns: new[] { "candidature_id", "jure_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_edition_annee_soumise",
                table: "evaluations",
                columns: new[] { "edition_annee", "soumise" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_jure_id",
                table: "evaluations",
                column: "jure_id");

            migrationBuilder.CreateIndex(
                name: "ux_evaluations_candidature_jure",
                table: "evaluations",
                columns: new[] { "candidature_id", "jure_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_historique_candidature_id_instant",
                table: "evaluations_historique",
                columns: new[] { "candidature_id", "instant" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_historique_evaluation_id",
                table: "evaluations_historique",
                column: "evaluation_id");

            migrationBuilder.CreateIndex(
                name: "ix_membres_jury_compte_id",
                table: "membres_jury",
                column: "compte_id");

            migrationBuilder.CreateIndex(
                name: "ux_membres_jury_edition_compte",
                table: "membres_jury",
                columns: new[] { "edition_annee", "compte_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "affectations");

            migrationBuilder.DropTable(
                name: "evaluations_historique");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "membres_jury");

            migrationBuilder.DropColumn(
                name: "grille",
                table: "editions");

            migrationBuilder.DropColumn(
                name: "arobases_proposees",
                table: "distinctions");

            migrationBuilder.DropColumn(
                name: "justification",
                table: "distinctions");
        }
    }
}
