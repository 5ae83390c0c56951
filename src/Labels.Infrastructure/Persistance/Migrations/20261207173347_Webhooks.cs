using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "abonnements_webhook",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    types = table.Column<string[]>(type: "text[]", nullable: false),
                    edition = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    etat = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    raison_desactivation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    secret_protege = table.Column<string>(type: "text", nullable: false),
                    ancien_secret_protege = table.Column<string>(type: "text", nullable: true),
                    ancien_secret_expire_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    echecs_depuis = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cree_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    modifie_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_abonnements_webhook", x => x.id);
                    table.ForeignKey(
                        name: "fk_abonnements_webhook_editions_edition",
                        column: x => x.edition,
                        principalTable: "editions",
                        principalColumn: "annee",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evenements_webhook",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: true),
                    statut_avant = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    statut = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    changements = table.Column<int>(type: "integer", nullable: true),
                    abonnement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    survenu_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cree_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    contenu = table.Column<string>(type: "text", nullable: true),
                    diffuse_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evenements_webhook", x => x.id);
                    table.ForeignKey(
                        name: "fk_evenements_webhook_abonnements_webhook_abonnement_id",
                        column: x => x.abonnement_id,
                        principalTable: "abonnements_webhook",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "livraisons_webhook",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    evenement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    abonnement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    etat = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tentatives = table.Column<int>(type: "integer", nullable: false),
                    prochaine_tentative = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cree_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    terminee_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_livraisons_webhook", x => x.id);
                    table.ForeignKey(
                        name: "fk_livraisons_webhook_abonnements_webhook_abonnement_id",
                        column: x => x.abonnement_id,
                        principalTable: "abonnements_webhook",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_livraisons_webhook_evenements_webhook_evenement_id",
                        column: x => x.evenement_id,
                        principalTable: "evenements_webhook",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tentatives_webhook",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    livraison_id = table.Column<Guid>(type: "uuid", nullable: false),
                    abonnement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evenement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    numero = table.Column<int>(type: "integer", nullable: false),
                    le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statut_http = table.Column<int>(type: "integer", nullable: true),
                    erreur = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    latence_ms = table.Column<int>(type: "integer", nullable: false),
                    extrait_reponse = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    prochaine_tentative = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    en_cours = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tentatives_webhook", x => x.id);
                    table.ForeignKey(
                        name: "fk_tentatives_webhook_livraisons_webhook_livraison_id",
                        column: x => x.livraison_id,
                        principalTable: "livraisons_webhook",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_abonnements_webhook_edition",
                table: "abonnements_webhook",
                column: "edition");

            migrationBuilder.CreateIndex(
                name: "ix_evenements_webhook_a_diffuser",
                table: "evenements_webhook",
                column: "survenu_le",
                filter: "diffuse_le IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_evenements_webhook_abonnement_id",
                table: "evenements_webhook",
                column: "abonnement_id");

            migrationBuilder.CreateIndex(
                name: "ix_evenements_webhook_cree_le",
                table: "evenements_webhook",
                column: "cree_le");

            migrationBuilder.CreateIndex(
                name: "ix_livraisons_webhook_abonnement_id_cree_le",
                table: "livraisons_webhook",
                columns: new[] { "abonnement_id", "cree_le" });

            migrationBuilder.CreateIndex(
                name: "ix_livraisons_webhook_dues",
                table: "livraisons_webhook",
                column: "prochaine_tentative",
                filter: "etat = 'EnAttente'");

            migrationBuilder.CreateIndex(
                name: "ix_livraisons_webhook_evenement_id_abonnement_id",
                table: "livraisons_webhook",
                columns: new[] { "evenement_id", "abonnement_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tentatives_webhook_abonnement_id_le",
                table: "tentatives_webhook",
                columns: new[] { "abonnement_id", "le" });

            migrationBuilder.CreateIndex(
                name: "ix_tentatives_webhook_livraison_id",
                table: "tentatives_webhook",
                column: "livraison_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tentatives_webhook");

            migrationBuilder.DropTable(
                name: "livraisons_webhook");

            migrationBuilder.DropTable(
                name: "evenements_webhook");

            migrationBuilder.DropTable(
                name: "abonnements_webhook");
        }
    }
}
