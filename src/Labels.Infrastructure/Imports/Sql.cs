namespace Labels.Infrastructure.Imports;

/// <summary>The SQL of an import: staging, cross-line checks, set-based merge, counts.</summary>
internal static class Sql
{
    public const string CreerStaging = """
        CREATE TEMP TABLE import_lignes (
            ordre int NOT NULL, ligne int, chemin text, genre text NOT NULL, code text NOT NULL,
            arobases int, mentions text[],
            reference text, titre text, resume text, description text, date_debut date, date_fin date, en_cours boolean,
            services text[], enjeux text[], liens text[]
        ) ON COMMIT DROP
        """;

    public const string CopieStaging = """
        COPY import_lignes (ordre, ligne, chemin, genre, code, arobases, mentions, reference, titre, resume, description,
                            date_debut, date_fin, en_cours, services, enjeux, liens) FROM STDIN (FORMAT BINARY)
        """;

    // Each query answers: ligne, chemin, the value in question, and where it was first seen (ligne, chemin).
    public const string CodesInconnus = """
        SELECT l.ligne, l.chemin || CASE WHEN length(l.code) = 9 THEN '.collectivite.siren' ELSE '.collectivite.codeInsee' END, l.code, NULL::int, NULL::text
        FROM import_lignes l
        WHERE l.genre = 'D'
          AND NOT EXISTS (SELECT 1 FROM cog_communes c WHERE c.code_insee = l.code)
          AND NOT EXISTS (SELECT 1 FROM cog_epci e WHERE e.siren = l.code)
        ORDER BY l.ordre
        """;

    public const string ReferencesEnDouble = """
        SELECT ligne, chemin || '.reference', reference, premiere_ligne, premier_chemin FROM (
            SELECT *, row_number() OVER w AS rang, first_value(ligne) OVER w AS premiere_ligne, first_value(chemin) OVER w AS premier_chemin
            FROM import_lignes WHERE genre = 'F' AND reference IS NOT NULL
            WINDOW w AS (PARTITION BY code, reference ORDER BY ordre)) x
        WHERE rang > 1 ORDER BY ordre
        """;

    public const string TitresEnDouble = """
        SELECT ligne, chemin || '.titre', titre, premiere_ligne, premier_chemin FROM (
            SELECT *, row_number() OVER w AS rang, first_value(ligne) OVER w AS premiere_ligne, first_value(chemin) OVER w AS premier_chemin
            FROM import_lignes WHERE genre = 'F' AND reference IS NULL
            WINDOW w AS (PARTITION BY code, titre ORDER BY ordre)) x
        WHERE rang > 1 ORDER BY ordre
        """;

    public const string DistinctionsDivergentes = """
        SELECT ligne, chemin || '.distinction', code, premiere_ligne, premier_chemin FROM (
            SELECT *, first_value(arobases) OVER w AS premiers_arobases, first_value(mentions) OVER w AS premieres_mentions,
                      first_value(ligne) OVER w AS premiere_ligne, first_value(chemin) OVER w AS premier_chemin
            FROM import_lignes WHERE genre = 'D' AND arobases IS NOT NULL
            WINDOW w AS (PARTITION BY code ORDER BY ordre)) x
        WHERE (arobases, mentions) IS DISTINCT FROM (premiers_arobases, premieres_mentions) ORDER BY ordre
        """;

    public const string DossiersEnDouble = """
        SELECT ligne, chemin || '.collectivite', code, premiere_ligne, premier_chemin FROM (
            SELECT *, row_number() OVER w AS rang, first_value(ligne) OVER w AS premiere_ligne, first_value(chemin) OVER w AS premier_chemin
            FROM import_lignes WHERE genre = 'D'
            WINDOW w AS (PARTITION BY code ORDER BY ordre)) x
        WHERE rang > 1 ORDER BY ordre
        """;

    /// <summary>
    /// Collectivités from the COG when new, candidatures by (collectivité, édition), distinctions,
    /// then fiches by reference — or by title when the line has none. Only what differs is written.
    /// </summary>
    public const string Fusion = """
        -- One dossier per code, carrying the distinction given on its lines (checked consistent beforehand).
        CREATE TEMP TABLE import_dossiers ON COMMIT DROP AS
        SELECT DISTINCT ON (code) code, arobases, mentions,
               NULL::uuid AS collectivite_id, NULL::uuid AS candidature_id, false AS cree
        FROM import_lignes WHERE genre = 'D' ORDER BY code, arobases IS NULL, ordre;
        CREATE INDEX ON import_dossiers (code);
        ANALYZE import_dossiers;

        INSERT INTO collectivites (id, type, code_insee, siren, nom, categorie, departement, region, population, created_at)
        SELECT gen_random_uuid(), @commune, c.code_insee, c.siren, c.nom,
               CASE WHEN coalesce(c.population, 0) < @seuil THEN @village ELSE @ville END,
               c.departement, c.region, coalesce(c.population, 0), @maintenant
        FROM import_dossiers d JOIN cog_communes c ON c.code_insee = d.code
        WHERE NOT EXISTS (SELECT 1 FROM collectivites x WHERE x.code_insee = d.code);

        INSERT INTO collectivites (id, type, code_insee, siren, nom, categorie, departement, region, population, created_at)
        SELECT gen_random_uuid(), @intercommunalite, NULL, e.siren, e.nom, @intercommunalite, e.departement, e.region, e.population, @maintenant
        FROM import_dossiers d JOIN cog_epci e ON e.siren = d.code
        WHERE NOT EXISTS (SELECT 1 FROM collectivites x WHERE x.siren = d.code AND x.type = @intercommunalite);

        UPDATE import_dossiers d SET collectivite_id = c.id FROM collectivites c
        WHERE (length(d.code) = 5 AND c.code_insee = d.code) OR (length(d.code) = 9 AND c.type = @intercommunalite AND c.siren = d.code);

        UPDATE import_dossiers d SET candidature_id = c.id FROM candidatures c
        WHERE c.edition_annee = @annee AND c.collectivite_id = d.collectivite_id;
        UPDATE import_dossiers SET candidature_id = gen_random_uuid(), cree = true WHERE candidature_id IS NULL;
        INSERT INTO candidatures (id, edition_annee, collectivite_id, statut, created_at, deposee_le)
        SELECT candidature_id, @annee, collectivite_id, @deposee, @maintenant, @maintenant FROM import_dossiers WHERE cree;

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
            SELECT gen_random_uuid(), d.candidature_id, @annee, d.collectivite_id, d.arobases, coalesce(d.mentions, '{}'), @maintenant
            FROM import_dossiers d
            WHERE d.arobases IS NOT NULL AND NOT EXISTS (SELECT 1 FROM distinctions x WHERE x.candidature_id = d.candidature_id)
            RETURNING candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'D' FROM ins;

        CREATE TEMP TABLE import_fiches ON COMMIT DROP AS
        SELECT l.*, d.candidature_id, NULL::uuid AS fiche_id
        FROM import_lignes l JOIN import_dossiers d ON d.code = l.code WHERE l.genre = 'F';
        ANALYZE import_fiches;
        UPDATE import_fiches f SET fiche_id = x.id FROM fiches_actions x
        WHERE f.reference IS NOT NULL AND x.candidature_id = f.candidature_id AND x.reference = f.reference;
        UPDATE import_fiches f SET fiche_id = x.id FROM fiches_actions x
        WHERE f.reference IS NULL AND x.candidature_id = f.candidature_id AND x.reference IS NULL AND x.titre = f.titre;

        WITH maj AS (
            UPDATE fiches_actions x SET titre = f.titre, resume = f.resume, description = f.description, date_debut = f.date_debut,
                date_fin = f.date_fin, en_cours = f.en_cours, services = f.services, enjeux = f.enjeux, liens = f.liens, updated_at = @maintenant
            FROM import_fiches f
            WHERE x.id = f.fiche_id
              AND (x.titre, x.resume, x.description, x.date_debut, x.date_fin, x.en_cours, x.services, x.enjeux, x.liens)
                  IS DISTINCT FROM (f.titre, f.resume, f.description, f.date_debut, f.date_fin, f.en_cours, f.services, f.enjeux, f.liens)
            RETURNING x.candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'M' FROM maj;
        WITH ins AS (
            INSERT INTO fiches_actions (id, candidature_id, reference, titre, resume, description, date_debut, date_fin, en_cours,
                                        services, enjeux, liens, created_at, updated_at)
            SELECT gen_random_uuid(), candidature_id, reference, titre, resume, description, date_debut, date_fin, en_cours,
                   services, enjeux, liens, @maintenant, @maintenant
            FROM import_fiches WHERE fiche_id IS NULL
            RETURNING candidature_id)
        INSERT INTO import_changes SELECT candidature_id, 'C' FROM ins;
        """;

    public const string Bilan = """
        SELECT (SELECT count(*)::int FROM import_dossiers WHERE cree),
               (SELECT count(*)::int FROM import_dossiers d WHERE NOT cree AND EXISTS (SELECT 1 FROM import_changes c WHERE c.candidature_id = d.candidature_id)),
               (SELECT count(*)::int FROM import_dossiers d WHERE NOT cree AND NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.candidature_id = d.candidature_id)),
               (SELECT count(*)::int FROM import_changes WHERE genre = 'C'),
               (SELECT count(*)::int FROM import_changes WHERE genre = 'M'),
               (SELECT count(*)::int FROM import_fiches) - (SELECT count(*)::int FROM import_changes WHERE genre IN ('C', 'M'))
        """;
}
