using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <summary>
    /// fiches_actions becomes a table partitioned by édition (LIST on a new column edition_annee, which the foreign key
    /// to candidatures ties to the candidature's). Existing fiches go to a partition per édition; fiches written through
    /// the API into an édition without partition go to the default one. A first import into an édition loads its fiches
    /// into a table of their own, then attaches it as the édition's partition, so PostgreSQL checks the foreign key with
    /// one query instead of once per fiche (attaching also scans the default partition, kept small that way). The
    /// primary key and the (candidature, reference) uniqueness include the partition key, as PostgreSQL requires; the
    /// latter stays DEFERRABLE (INITIALLY IMMEDIATE) as in ImportDirect, the foreign key too.
    /// </summary>
    public partial class FichesParEdition : Migration
    {
        private const string Colonnes = """
            id uuid NOT NULL,
            edition_annee integer NOT NULL,
            candidature_id uuid NOT NULL,
            reference character varying(64),
            titre character varying(300) NOT NULL,
            resume character varying(2000),
            description character varying(20000) NOT NULL,
            date_debut date NOT NULL,
            date_fin date,
            en_cours boolean NOT NULL,
            services text[] NOT NULL,
            enjeux text[] NOT NULL,
            liens text[] NOT NULL,
            created_at timestamp with time zone NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            recherche tsvector
            """;

        private const string Copie = """
            id, candidature_id, reference, titre, resume, description, date_debut, date_fin, en_cours, services, enjeux, liens,
            created_at, updated_at, recherche
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddUniqueConstraint(
                name: "ak_candidatures_id_edition_annee",
                table: "candidatures",
                columns: new[] { "id", "edition_annee" });

            migrationBuilder.Sql($"""
                ALTER TABLE fiches_actions RENAME TO fiches_actions_avant;
                ALTER TABLE fiches_actions_avant DROP CONSTRAINT fk_fiches_actions_candidatures_candidature_id;
                ALTER TABLE fiches_actions_avant DROP CONSTRAINT ux_fiches_candidature_reference;
                ALTER TABLE fiches_actions_avant DROP CONSTRAINT pk_fiches_actions;
                DROP INDEX ix_fiches_actions_recherche;

                CREATE TABLE fiches_actions (
                    {Colonnes},
                    CONSTRAINT pk_fiches_actions PRIMARY KEY (id, edition_annee),
                    CONSTRAINT ux_fiches_candidature_reference UNIQUE (candidature_id, edition_annee, reference) DEFERRABLE INITIALLY IMMEDIATE,
                    CONSTRAINT fk_fiches_actions_candidatures_candidature_id_edition_annee FOREIGN KEY (candidature_id, edition_annee)
                        REFERENCES candidatures (id, edition_annee) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
                ) PARTITION BY LIST (edition_annee);
                CREATE TABLE fiches_actions_autres PARTITION OF fiches_actions DEFAULT;
                CREATE INDEX ix_fiches_actions_recherche ON fiches_actions USING gin (recherche) WHERE recherche IS NOT NULL;
                DO $$ DECLARE annee integer; BEGIN
                  FOR annee IN SELECT DISTINCT c.edition_annee FROM fiches_actions_avant f JOIN candidatures c ON c.id = f.candidature_id LOOP
                    EXECUTE format('CREATE TABLE fiches_actions_%s PARTITION OF fiches_actions FOR VALUES IN (%s)', annee, annee);
                  END LOOP;
                END $$;

                INSERT INTO fiches_actions (edition_annee, {Copie})
                SELECT c.edition_annee, f.id, f.candidature_id, f.reference, f.titre, f.resume, f.description, f.date_debut, f.date_fin,
                       f.en_cours, f.services, f.enjeux, f.liens, f.created_at, f.updated_at, f.recherche
                FROM fiches_actions_avant f JOIN candidatures c ON c.id = f.candidature_id;
                DROP TABLE fiches_actions_avant;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                ALTER TABLE fiches_actions RENAME TO fiches_actions_par_edition;
                ALTER TABLE fiches_actions_par_edition DROP CONSTRAINT fk_fiches_actions_candidatures_candidature_id_edition_annee;
                ALTER TABLE fiches_actions_par_edition DROP CONSTRAINT ux_fiches_candidature_reference;
                ALTER TABLE fiches_actions_par_edition DROP CONSTRAINT pk_fiches_actions;
                DROP INDEX ix_fiches_actions_recherche;

                CREATE TABLE fiches_actions (
                    {Colonnes.Replace("edition_annee integer NOT NULL,", "")},
                    CONSTRAINT pk_fiches_actions PRIMARY KEY (id),
                    CONSTRAINT ux_fiches_candidature_reference UNIQUE (candidature_id, reference) DEFERRABLE INITIALLY IMMEDIATE,
                    CONSTRAINT fk_fiches_actions_candidatures_candidature_id FOREIGN KEY (candidature_id)
                        REFERENCES candidatures (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE
                );
                CREATE INDEX ix_fiches_actions_recherche ON fiches_actions USING gin (recherche) WHERE recherche IS NOT NULL;
                INSERT INTO fiches_actions ({Copie}) SELECT {Copie} FROM fiches_actions_par_edition;
                DROP TABLE fiches_actions_par_edition;
                """);

            migrationBuilder.DropUniqueConstraint(
                name: "ak_candidatures_id_edition_annee",
                table: "candidatures");
        }
    }
}
