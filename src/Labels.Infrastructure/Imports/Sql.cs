namespace Labels.Infrastructure.Imports;

/// <summary>The SQL of an import: what is known beforehand, the fiche sinks, cross-line checks, merge, counts.</summary>
/// <remarks>
/// It writes, set-based, rows the entities (Collectivite, Candidature, FicheAction, Distinction) would otherwise make, and so
/// restates some of their rules: docs/import.md (« What the import's SQL restates of the entities ») lists them with each
/// rule's home. A rule changes at its home, in that list and here together; a constant comes as a parameter from its home,
/// never as a literal.
/// </remarks>
internal static class Sql
{
    /// <summary>The codes an import may name: every commune and EPCI of the COG.</summary>
    public const string CodesDuCog = "SELECT code_insee FROM cog_communes UNION ALL SELECT siren FROM cog_epci";

    /// <summary>The édition's candidatures, by the code the files name their collectivité with, and whether it has fiches.</summary>
    public const string CandidaturesDeLEdition = """
        SELECT CASE WHEN co.type = @intercommunalite THEN co.siren ELSE co.code_insee END, ca.id,
               EXISTS (SELECT 1 FROM fiches_actions f WHERE f.candidature_id = ca.id AND f.edition_annee = @annee)
        FROM candidatures ca JOIN collectivites co ON co.id = ca.collectivite_id
        WHERE ca.edition_annee = @annee
        """;

    /// <summary>The file's dossiers, resolved while reading: one row per collectivité code.</summary>
    public const string CreerDossiers = """
        CREATE TEMP TABLE import_dossiers (
            code text NOT NULL, candidature_id uuid NOT NULL, existante boolean NOT NULL, fiches int NOT NULL,
            collectivite_id uuid, distinction_id uuid NOT NULL, arobases int, mentions text[]
        ) ON COMMIT DROP
        """;

    public const string CopieDossiers = """
        COPY import_dossiers (code, candidature_id, existante, fiches, collectivite_id, distinction_id, arobases, mentions) FROM STDIN (FORMAT BINARY)
        """;

    private const string ColonnesFiche =
        "id, candidature_id, reference, titre, resume, description, date_debut, date_fin, en_cours, services, enjeux, liens";

    /// <summary>
    /// A first import into an édition without fiches: the fiches go to a table of their own, the édition's partition to
    /// be (see <see cref="SortieDirecte"/>), with the constraints of fiches_actions, which attaching it adopts. Its
    /// uniqueness of references is deferred by this transaction only, so that duplicates are found by one query over the
    /// import's fiches, then reported, rather than aborting the COPY at the first; the CHECK spares the scan that attaching
    /// it would otherwise make.
    /// </summary>
    public static string CreerPartition(string table, int annee) => $"""
        CREATE TABLE {table} (LIKE fiches_actions INCLUDING DEFAULTS, CONSTRAINT {table}_edition CHECK (edition_annee = {annee}));
        ALTER TABLE {table} ADD CONSTRAINT {table}_pkey PRIMARY KEY (id, edition_annee),
            ADD CONSTRAINT {table}_reference UNIQUE (candidature_id, edition_annee, reference) DEFERRABLE INITIALLY IMMEDIATE;
        SET CONSTRAINTS {table}_reference DEFERRED;
        """;

    public static string CopieDirecte(string table) =>
        $"COPY {table} ({ColonnesFiche}, edition_annee, created_at, updated_at) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// The loaded table becomes the édition's partition: PostgreSQL checks the foreign key to candidatures with one
    /// query, and that the default partition holds no fiche of the édition (one written meanwhile through the API).
    /// The CHECK has done its work then: the partition's bound says the same. The index of titles without reference is
    /// built once the rows are in (the reading has already refused duplicates), under a name Unicites.cs recognises.
    /// </summary>
    public static string Attacher(string table, int annee) => $"""
        CREATE UNIQUE INDEX {table}_titre ON {table} (candidature_id, edition_annee, titre) WHERE reference IS NULL;
        ALTER TABLE fiches_actions ATTACH PARTITION {table} FOR VALUES IN ({annee});
        ALTER TABLE {table} DROP CONSTRAINT {table}_edition;
        """;

    /// <summary>Where fiches written through the API into an édition without partition go (migration FichesParEdition).</summary>
    public const string PartitionParDefaut = "fiches_actions_autres";

    /// <summary>The name of an édition's partition of fiches_actions.</summary>
    public static string Partition(int annee) => $"fiches_actions_{annee}";

    public const string PartitionExiste = "SELECT to_regclass(@table) IS NOT NULL";

    /// <summary>An édition's partition that was never analysed (pg_stats: what the import's role may read).</summary>
    public const string SansStatistiques =
        "SELECT to_regclass(@table) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = @table)";

    public static string AnalyserPourCorrespondance(string table) => $"ANALYZE {table} (candidature_id, edition_annee, reference, titre)";

    /// <summary>The staging table of an import into an édition that has fiches.</summary>
    public const string Staging = "import_lignes";

    /// <summary>Otherwise the fiches are staged, then matched by natural key (see <see cref="SortieStaging"/>).</summary>
    public const string CreerStaging = """
        CREATE TEMP TABLE import_lignes (
            id uuid NOT NULL, candidature_id uuid NOT NULL, reference text, titre text NOT NULL, resume text, description text NOT NULL,
            date_debut date NOT NULL, date_fin date, en_cours boolean NOT NULL, services text[] NOT NULL, enjeux text[] NOT NULL,
            liens text[] NOT NULL
        ) ON COMMIT DROP
        """;

    public const string CopieStaging = $"COPY import_lignes ({ColonnesFiche}) FROM STDIN (FORMAT BINARY)";

    // Duplicates within the file: every fiche of a duplicated key, grouped by key and in file order (ids grow with it). They
    // read the written fiches: the staging table, or the partition to be of a first import (its name), to which the fiches the
    // rules refused are added when there are some (AvecRefusees).
    public static string ReferencesEnDouble(string lignes) => $"""
        SELECT l.id, l.candidature_id, l.reference FROM {lignes} l
        JOIN (SELECT candidature_id, reference FROM {lignes} x WHERE reference IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d
          USING (candidature_id, reference)
        ORDER BY l.candidature_id, l.reference, l.id
        """;

    public static string TitresEnDouble(string lignes) => $"""
        SELECT l.id, l.candidature_id, l.titre FROM {lignes} l
        JOIN (SELECT candidature_id, titre FROM {lignes} x WHERE reference IS NULL GROUP BY 1, 2 HAVING count(*) > 1) d
          USING (candidature_id, titre)
        WHERE l.reference IS NULL
        ORDER BY l.candidature_id, l.titre, l.id
        """;

    /// <summary>
    /// The fiches of a table with the keys of those the rules refused (<see cref="FichesRefusees"/>), as one set of rows: a
    /// fiche with an error still has its duplicates reported.
    /// </summary>
    public static string AvecRefusees(string table) => $"""
        (SELECT id, candidature_id, reference, titre FROM {table}
         UNION ALL
         SELECT * FROM unnest(@refusees_ids::uuid[], @refusees_candidatures::uuid[], @refusees_references::text[], @refusees_titres::text[])
           AS r(id, candidature_id, reference, titre))
        """;

    /// <summary>The fiches without reference of the (dossier, title) pairs whose hash was seen twice while reading.</summary>
    public static string TitresEnDoubleDirect(string lignes) => $"""
        SELECT f.id, f.candidature_id, f.titre FROM {lignes} f
        JOIN (SELECT DISTINCT candidature_id, titre FROM unnest(@candidatures::uuid[], @titres::text[]) AS s(candidature_id, titre)) s
          USING (candidature_id, titre)
        WHERE f.reference IS NULL
        ORDER BY f.candidature_id, f.titre, f.id
        """;

    /// <summary>
    /// Collectivités from the COG when new, the new candidatures (their ids chosen while reading), and
    /// the distinctions given in the file. Changes are noted per candidature for the counts.
    /// </summary>
    public const string FusionDossiers = """
        ANALYZE import_dossiers;
        INSERT INTO collectivites (id, type, code_insee, siren, nom, categorie, departement, region, population, created_at)
        SELECT d.collectivite_id, @commune, c.code_insee, c.siren, c.nom,
               CASE WHEN coalesce(c.population, 0) < @seuil THEN @village ELSE @ville END,
               c.departement, c.region, coalesce(c.population, 0), @maintenant
        FROM import_dossiers d JOIN cog_communes c ON c.code_insee = d.code
        WHERE NOT d.existante AND NOT EXISTS (SELECT 1 FROM collectivites x WHERE x.code_insee = d.code);

        INSERT INTO collectivites (id, type, code_insee, siren, nom, categorie, departement, region, population, created_at)
        SELECT d.collectivite_id, @intercommunalite, NULL, e.siren, e.nom, @categorie_intercommunalite, e.departement, e.region, e.population, @maintenant
        FROM import_dossiers d JOIN cog_epci e ON e.siren = d.code
        WHERE NOT d.existante AND NOT EXISTS (SELECT 1 FROM collectivites x WHERE x.siren = d.code);

        INSERT INTO candidatures (id, edition_annee, collectivite_id, statut, created_at, deposee_le)
        SELECT d.candidature_id, @annee, coalesce(cc.id, ce.id), @deposee, @maintenant, @maintenant
        FROM import_dossiers d
        LEFT JOIN collectivites cc ON cc.code_insee = d.code
        LEFT JOIN collectivites ce ON ce.type = @intercommunalite AND ce.siren = d.code
        WHERE NOT d.existante;

        CREATE TEMP TABLE import_changes (candidature_id uuid NOT NULL, genre text NOT NULL) ON COMMIT DROP;

        WITH maj AS (
            UPDATE distinctions x SET arobases = d.arobases, mentions = coalesce(d.mentions, '{}'), updated_at = @maintenant
            FROM import_dossiers d
            WHERE d.arobases IS NOT NULL AND x.candidature_id = d.candidature_id
              AND (x.arobases, x.mentions) IS DISTINCT FROM (d.arobases, coalesce(d.mentions, '{}'))
            RETURNING x.candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'D' FROM maj;
        WITH ins AS (
            INSERT INTO distinctions (id, candidature_id, edition_annee, collectivite_id, arobases, mentions, updated_at)
            SELECT d.distinction_id, d.candidature_id, @annee, c.collectivite_id, d.arobases, coalesce(d.mentions, '{}'), @maintenant
            FROM import_dossiers d JOIN candidatures c ON c.id = d.candidature_id
            WHERE d.arobases IS NOT NULL AND NOT EXISTS (SELECT 1 FROM distinctions x WHERE x.candidature_id = d.candidature_id)
            RETURNING candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'D' FROM ins;
        """;

    /// <summary>Fiches written straight to their table: each dossier that got some has changed.</summary>
    public const string FusionDirecte = "INSERT INTO import_changes SELECT candidature_id, 'F' FROM import_dossiers WHERE fiches > 0";

    /// <summary>
    /// Staged fiches: matched by reference — or by title when they have none — against the fiches as they were
    /// before this import, compared in the same pass (the matches go to a narrow table rather than into the wide
    /// staging rows), then updated where they differ, else created. Re-importing a file unchanged reads each
    /// side once and writes nothing.
    /// </summary>
    public const string FusionStaging = """
        CREATE TEMP TABLE import_correspondances ON COMMIT DROP AS
        SELECT f.id AS ligne_id, x.id AS fiche_id,
               (x.titre, x.resume, x.description, x.date_debut, x.date_fin, x.en_cours, x.services, x.enjeux, x.liens)
                   IS DISTINCT FROM (f.titre, f.resume, f.description, f.date_debut, f.date_fin, f.en_cours, f.services, f.enjeux, f.liens)
                   AS differente
        FROM import_lignes f JOIN fiches_actions x ON x.candidature_id = f.candidature_id AND x.edition_annee = @annee AND x.reference = f.reference
        WHERE f.reference IS NOT NULL
        UNION ALL
        SELECT f.id, x.id,
               (x.resume, x.description, x.date_debut, x.date_fin, x.en_cours, x.services, x.enjeux, x.liens)
                   IS DISTINCT FROM (f.resume, f.description, f.date_debut, f.date_fin, f.en_cours, f.services, f.enjeux, f.liens)
        FROM import_lignes f
        JOIN fiches_actions x ON x.candidature_id = f.candidature_id AND x.edition_annee = @annee AND x.reference IS NULL AND x.titre = f.titre
        WHERE f.reference IS NULL;
        ANALYZE import_correspondances;

        WITH maj AS (
            UPDATE fiches_actions x SET titre = f.titre, resume = f.resume, description = f.description, date_debut = f.date_debut,
                date_fin = f.date_fin, en_cours = f.en_cours, services = f.services, enjeux = f.enjeux, liens = f.liens, updated_at = @maintenant
            FROM import_correspondances c JOIN import_lignes f ON f.id = c.ligne_id
            WHERE c.differente AND x.id = c.fiche_id AND x.edition_annee = @annee
            RETURNING x.candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'M' FROM maj;
        WITH ins AS (
            INSERT INTO fiches_actions (id, edition_annee, candidature_id, reference, titre, resume, description, date_debut, date_fin,
                                        en_cours, services, enjeux, liens, created_at, updated_at)
            SELECT id, @annee, candidature_id, reference, titre, resume, description, date_debut, date_fin, en_cours,
                   services, enjeux, liens, @maintenant, @maintenant
            FROM import_lignes f WHERE NOT EXISTS (SELECT 1 FROM import_correspondances c WHERE c.ligne_id = f.id)
            RETURNING candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'C' FROM ins;
        """;

    /// <summary>Dossiers created, updated, unchanged; fiches created and updated.</summary>
    public const string Bilan = """
        SELECT (SELECT count(*)::int FROM import_dossiers WHERE NOT existante),
               (SELECT count(*)::int FROM import_dossiers d WHERE existante AND EXISTS (SELECT 1 FROM import_changes c WHERE c.candidature_id = d.candidature_id)),
               (SELECT count(*)::int FROM import_dossiers d WHERE existante AND NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.candidature_id = d.candidature_id)),
               (SELECT count(*)::int FROM import_changes WHERE genre = 'C'),
               (SELECT count(*)::int FROM import_changes WHERE genre = 'M')
        """;
}
