using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class AuditResultats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "resultats_de",
                table: "journal_audit",
                type: "integer",
                nullable: true);

            // Entries written before: a jury's decision carries its candidature's édition, a publication names its édition.
            migrationBuilder.Sql("""
                UPDATE journal_audit a SET resultats_de = c.edition_annee
                FROM candidatures c
                WHERE a.action = 'deliberation.decision' AND a.cible = 'candidature:' || c.id::text;
                UPDATE journal_audit SET resultats_de = substring(cible FROM 9)::int
                WHERE action = 'palmares.publication' AND cible ~ '^edition:[0-9]{4}$';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "resultats_de",
                table: "journal_audit");
        }
    }
}
