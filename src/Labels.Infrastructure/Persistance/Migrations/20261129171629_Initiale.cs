using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class Initiale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    collectivite_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cog_communes",
                columns: table => new
                {
                    code_insee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    nom = table.Column<string>(type: "text", nullable: false),
                    departement = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: true),
                    siren = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cog_communes", x => x.code_insee);
                });

            migrationBuilder.CreateTable(
                name: "cog_epci",
                columns: table => new
                {
                    siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    nom = table.Column<string>(type: "text", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: false),
                    departement = table.Column<string>(type: "text", nullable: true),
                    region = table.Column<string>(type: "text", nullable: true),
                    communes = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cog_epci", x => x.siren);
                });

            migrationBuilder.CreateTable(
                name: "cog_version",
                columns: table => new
                {
                    empreinte = table.Column<string>(type: "text", nullable: false),
                    chargee_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cog_version", x => x.empreinte);
                });

            migrationBuilder.CreateTable(
                name: "collectivites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    code_insee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    categorie = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    departement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    region = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    population = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collectivites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "editions",
                columns: table => new
                {
                    annee = table.Column<int>(type: "integer", nullable: false),
                    numero = table.Column<int>(type: "integer", nullable: false),
                    statut = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    historique = table.Column<bool>(type: "boolean", nullable: false),
                    referentiel = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    calendrier_ceremonie = table.Column<DateOnly>(type: "date", nullable: true),
                    calendrier_cloture_candidatures = table.Column<DateOnly>(type: "date", nullable: true),
                    calendrier_ouverture_candidatures = table.Column<DateOnly>(type: "date", nullable: true),
                    calendrier_reunion_jury = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_editions", x => x.annee);
                });

            migrationBuilder.CreateTable(
                name: "journal_audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instant = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acteur_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    cible = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "candidatures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    collectivite_id = table.Column<Guid>(type: "uuid", nullable: false),
                    statut = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deposee_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retiree_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_candidatures", x => x.id);
                    table.ForeignKey(
                        name: "fk_candidatures_collectivites_collectivite_id",
                        column: x => x.collectivite_id,
                        principalTable: "collectivites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_candidatures_editions_edition_annee",
                        column: x => x.edition_annee,
                        principalTable: "editions",
                        principalColumn: "annee",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distinctions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidature_id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    collectivite_id = table.Column<Guid>(type: "uuid", nullable: false),
                    arobases = table.Column<int>(type: "integer", nullable: false),
                    mentions = table.Column<string[]>(type: "text[]", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distinctions", x => x.id);
                    table.CheckConstraint("ck_distinctions_arobases", "arobases BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_distinctions_candidatures_candidature_id",
                        column: x => x.candidature_id,
                        principalTable: "candidatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_distinctions_collectivites_collectivite_id",
                        column: x => x.collectivite_id,
                        principalTable: "collectivites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distinctions_editions_edition_annee",
                        column: x => x.edition_annee,
                        principalTable: "editions",
                        principalColumn: "annee",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fiches_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidature_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    titre = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    resume = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    date_debut = table.Column<DateOnly>(type: "date", nullable: false),
                    date_fin = table.Column<DateOnly>(type: "date", nullable: true),
                    en_cours = table.Column<bool>(type: "boolean", nullable: false),
                    services = table.Column<string[]>(type: "text[]", nullable: false),
                    enjeux = table.Column<string[]>(type: "text[]", nullable: false),
                    liens = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fiches_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_fiches_actions_candidatures_candidature_id",
                        column: x => x.candidature_id,
                        principalTable: "candidatures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_collectivite_id",
                table: "AspNetUsers",
                column: "collectivite_id");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_candidatures_collectivite_id",
                table: "candidatures",
                column: "collectivite_id");

            migrationBuilder.CreateIndex(
                name: "ux_candidatures_edition_collectivite",
                table: "candidatures",
                columns: new[] { "edition_annee", "collectivite_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collectivites_departement",
                table: "collectivites",
                column: "departement");

            migrationBuilder.CreateIndex(
                name: "ix_collectivites_region",
                table: "collectivites",
                column: "region");

            migrationBuilder.CreateIndex(
                name: "ux_collectivites_code_insee",
                table: "collectivites",
                column: "code_insee",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_collectivites_siren",
                table: "collectivites",
                column: "siren",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_distinctions_collectivite_id_edition_annee",
                table: "distinctions",
                columns: new[] { "collectivite_id", "edition_annee" });

            migrationBuilder.CreateIndex(
                name: "ix_distinctions_edition_annee",
                table: "distinctions",
                column: "edition_annee");

            migrationBuilder.CreateIndex(
                name: "ux_distinctions_candidature",
                table: "distinctions",
                column: "candidature_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_editions_numero",
                table: "editions",
                column: "numero",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fiches_actions_enjeux",
                table: "fiches_actions",
                column: "enjeux")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ux_fiches_candidature_reference",
                table: "fiches_actions",
                columns: new[] { "candidature_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_audit_cible",
                table: "journal_audit",
                column: "cible");

            migrationBuilder.CreateIndex(
                name: "ix_journal_audit_instant",
                table: "journal_audit",
                column: "instant");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "cog_communes");

            migrationBuilder.DropTable(
                name: "cog_epci");

            migrationBuilder.DropTable(
                name: "cog_version");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "distinctions");

            migrationBuilder.DropTable(
                name: "fiches_actions");

            migrationBuilder.DropTable(
                name: "journal_audit");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "candidatures");

            migrationBuilder.DropTable(
                name: "collectivites");

            migrationBuilder.DropTable(
                name: "editions");
        }
    }
}
