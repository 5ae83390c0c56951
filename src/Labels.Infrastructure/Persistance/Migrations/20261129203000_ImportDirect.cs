using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <summary>
    /// What a yearly import writing its fiches straight into fiches_actions needs: the foreign key to
    /// candidatures and the (candidature, reference) uniqueness may be deferred to the commit (they stay
    /// immediate for everything else); the index on (candidature, title) goes — a title is only looked
    /// for within one dossier, which the unique index's leading column finds —; the full-text index only
    /// holds the published fiches that have a search vector.
    /// </summary>
    [DbContext(typeof(LabelsDbContext))]
    [Migration("20261129203000_ImportDirect")]
    public partial class ImportDirect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE fiches_actions ALTER CONSTRAINT fk_fiches_actions_candidatures_candidature_id DEFERRABLE INITIALLY IMMEDIATE;
                DROP INDEX ux_fiches_candidature_reference;
                ALTER TABLE fiches_actions ADD CONSTRAINT ux_fiches_candidature_reference UNIQUE (candidature_id, reference)
                    DEFERRABLE INITIALLY IMMEDIATE;
                DROP INDEX ix_fiches_candidature_titre;
                DROP INDEX ix_fiches_actions_recherche;
                CREATE INDEX ix_fiches_actions_recherche ON fiches_actions USING gin (recherche) WHERE recherche IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_fiches_actions_recherche;
                CREATE INDEX ix_fiches_actions_recherche ON fiches_actions USING gin (recherche);
                CREATE INDEX ix_fiches_candidature_titre ON fiches_actions (candidature_id, titre);
                ALTER TABLE fiches_actions DROP CONSTRAINT ux_fiches_candidature_reference;
                CREATE UNIQUE INDEX ux_fiches_candidature_reference ON fiches_actions (candidature_id, reference);
                ALTER TABLE fiches_actions ALTER CONSTRAINT fk_fiches_actions_candidatures_candidature_id NOT DEFERRABLE;
                """);
        }
    }
}
