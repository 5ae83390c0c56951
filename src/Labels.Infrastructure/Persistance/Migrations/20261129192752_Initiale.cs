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
                    grille = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    calendrier_ceremonie = table.Column<DateOnly>(type: "date", nullable: true),
                    calendrier_cloture_candidatures = table.Column<DateOnly>(type: "date", nullable: true),
                    calendrier_ouverture_candidatures = table.Column<DateOnly>(type: "date", nullable: true),
                    calendrier_reunion_jury = table.Column<DateOnly>(type: "date", nullable: true),
                    parametres_ten_cinq_arobases_requis = table.Column<int>(type: "integer", nullable: false),
                    parametres_ten_duree_validite = table.Column<int>(type: "integer", nullable: false),
                    parametres_ten_premiere_edition = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_editions", x => x.annee);
                });

            migrationBuilder.CreateTable(
                name: "jetons_api",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nom = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    debut = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    cree_par_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expire_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoque_le = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jetons_api", x => x.id);
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
                name: "distinctions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidature_id = table.Column<Guid>(type: "uuid", nullable: false),
                    edition_annee = table.Column<int>(type: "integer", nullable: false),
                    collectivite_id = table.Column<Guid>(type: "uuid", nullable: false),
                    arobases = table.Column<int>(type: "integer", nullable: false),
                    mentions = table.Column<string[]>(type: "text[]", nullable: false),
                    arobases_proposees = table.Column<int>(type: "integer", nullable: true),
                    justification = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
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
                name: "ix_fiches_actions_enjeux",
                table: "fiches_actions",
                column: "enjeux")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_fiches_candidature_titre",
                table: "fiches_actions",
                columns: new[] { "candidature_id", "titre" });

            migrationBuilder.CreateIndex(
                name: "ux_fiches_candidature_reference",
                table: "fiches_actions",
                columns: new[] { "candidature_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_imports_edition_annee_demarre_le",
                table: "imports",
                columns: new[] { "edition_annee", "demarre_le" });

            migrationBuilder.CreateIndex(
                name: "ix_imports_statut",
                table: "imports",
                column: "statut");

            migrationBuilder.CreateIndex(
                name: "ux_jetons_api_empreinte",
                table: "jetons_api",
                column: "empreinte",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_audit_cible",
                table: "journal_audit",
                column: "cible");

            migrationBuilder.CreateIndex(
                name: "ix_journal_audit_instant",
                table: "journal_audit",
                column: "instant");

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
                name: "ix_membres_jury_compte_id",
                table: "membres_jury",
                column: "compte_id");

            migrationBuilder.CreateIndex(
                name: "ux_membres_jury_edition_compte",
                table: "membres_jury",
                columns: new[] { "edition_annee", "compte_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_palmares_versions_edition_version",
                table: "palmares_versions",
                columns: new[] { "edition_annee", "version" },
                unique: true);

            // French full-text search for the public catalogue: accents ignored, French stemming. The column is
            // filled when the édition's palmarès is published (the catalogue shows published éditions only), so
            // that bulk imports do not pay for text analysis row by row.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent");
            migrationBuilder.Sql("CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french)");
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem");
            migrationBuilder.Sql("ALTER TABLE fiches_actions ADD COLUMN recherche tsvector");
            migrationBuilder.Sql("CREATE INDEX ix_fiches_actions_recherche ON fiches_actions USING gin (recherche)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE fiches_actions DROP COLUMN IF EXISTS recherche");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS public.fr_unaccent");

            migrationBuilder.DropTable(
                name: "affectations");

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
                name: "evaluations_historique");

            migrationBuilder.DropTable(
                name: "fiches_actions");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "jetons_api");

            migrationBuilder.DropTable(
                name: "journal_audit");

            migrationBuilder.DropTable(
                name: "laureats");

            migrationBuilder.DropTable(
                name: "renouvellements_utilises");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "palmares_versions");

            migrationBuilder.DropTable(
                name: "candidatures");

            migrationBuilder.DropTable(
                name: "membres_jury");

            migrationBuilder.DropTable(
                name: "collectivites");

            migrationBuilder.DropTable(
                name: "editions");
        }
    }
}
