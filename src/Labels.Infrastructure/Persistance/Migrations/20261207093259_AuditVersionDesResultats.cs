using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class AuditVersionDesResultats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "resultats_version",
                table: "journal_audit",
                type: "integer",
                nullable: true);

            // Entries written before: a publication names its version; a decision waits for the first version of its
            // édition created after it.
            migrationBuilder.Sql("""
                UPDATE journal_audit SET resultats_version = (details ->> 'version')::int
                WHERE action = 'palmares.publication' AND resultats_de IS NOT NULL AND details ? 'version';
                UPDATE journal_audit a SET resultats_version = 1 + (
                    SELECT count(*) FROM palmares_versions v WHERE v.edition_annee = a.resultats_de AND v.created_at <= a.instant)
                WHERE a.action = 'deliberation.decision' AND a.resultats_de IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "resultats_version",
                table: "journal_audit");
        }
    }
}
