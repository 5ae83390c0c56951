using Labels.Application.Commun;
using Labels.Application.Palmares;
using Labels.Domain.Collectivites;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Labels.Infrastructure.Catalogue;

/// <summary>
/// French full-text search on PostgreSQL: the column <c>fiches_actions.recherche</c>, filled at publication, uses
/// the <c>fr_unaccent</c> configuration (French stemming, accents ignored), ranked with ts_rank.
/// Only the fiches of the laureates of the release the reader sees (chosen by the caller) are searched.
/// </summary>
internal sealed class CatalogueFiches(LabelsDbContext db) : ICatalogueFiches
{
    private const string Requete = """
        WITH requete AS (
            SELECT CASE WHEN @q::text IS NULL THEN NULL ELSE websearch_to_tsquery('public.fr_unaccent', @q::text) END AS q
        )
        SELECT f.id, f.titre, f.resume, f.date_debut, f.date_fin, f.en_cours, f.enjeux, f.services, f.liens,
               col.id, col.nom, col.categorie, col.departement, col.region,
               CASE WHEN r.q IS NULL THEN NULL ELSE ts_rank(f.recherche, r.q) END AS pertinence,
               count(*) OVER () AS total
        FROM fiches_actions f
        JOIN candidatures c ON c.id = f.candidature_id
        JOIN collectivites col ON col.id = c.collectivite_id
        JOIN laureats l ON l.collectivite_id = col.id AND l.palmares_id = @palmares
        CROSS JOIN requete r
        WHERE c.edition_annee = @annee AND f.edition_annee = @annee
          AND (r.q IS NULL OR f.recherche @@ r.q)
          AND (@enjeu::text IS NULL OR f.enjeux @> ARRAY[@enjeu::text])
          AND (@departement::text IS NULL OR col.departement = @departement::text)
          AND (@region::text IS NULL OR col.region = @region::text)
          AND (@categorie::text IS NULL OR col.categorie = @categorie::text)
          AND (@collectivite::uuid IS NULL OR col.id = @collectivite::uuid)
        ORDER BY pertinence DESC NULLS LAST, f.titre, f.id
        LIMIT @taille OFFSET @decalage
        """;

    public Task IndexerAsync(int annee, CancellationToken ct) => db.Database.ExecuteSqlInterpolatedAsync($"""
        UPDATE fiches_actions f SET recherche =
            setweight(to_tsvector('public.fr_unaccent', coalesce(f.titre, '')), 'A') ||
            setweight(to_tsvector('public.fr_unaccent', coalesce(f.resume, '')), 'B') ||
            setweight(to_tsvector('public.fr_unaccent', coalesce(f.description, '')), 'C')
        WHERE f.edition_annee = {annee}
        """, ct);

    public async Task<PageDe<FicheCatalogueDto>> RechercherAsync(CritereCatalogue critere, CancellationToken ct)
    {
        var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connexion.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var commande = new NpgsqlCommand(Requete, connexion);
        commande.Parameters.AddWithValue("annee", critere.Annee);
        commande.Parameters.AddWithValue("palmares", critere.PalmaresId);
        commande.Parameters.AddWithValue("q", (object?)critere.Q ?? DBNull.Value);
        commande.Parameters.AddWithValue("enjeu", (object?)critere.Enjeu ?? DBNull.Value);
        commande.Parameters.AddWithValue("departement", (object?)critere.Departement ?? DBNull.Value);
        commande.Parameters.AddWithValue("region", (object?)critere.Region ?? DBNull.Value);
        commande.Parameters.AddWithValue("categorie", (object?)critere.Categorie?.ToString() ?? DBNull.Value);
        commande.Parameters.AddWithValue("collectivite", (object?)critere.CollectiviteId ?? DBNull.Value);
        commande.Parameters.AddWithValue("taille", critere.PageSize);
        commande.Parameters.AddWithValue("decalage", Pagination.Decalage(critere.Page, critere.PageSize));

        var items = new List<FicheCatalogueDto>();
        var total = 0;
        await using (var lecteur = await commande.ExecuteReaderAsync(ct))
            while (await lecteur.ReadAsync(ct))
            {
                items.Add(new FicheCatalogueDto(
                    lecteur.GetGuid(0), lecteur.GetString(1), lecteur.IsDBNull(2) ? null : lecteur.GetString(2),
                    lecteur.GetFieldValue<DateOnly>(3), lecteur.IsDBNull(4) ? null : lecteur.GetFieldValue<DateOnly>(4), lecteur.GetBoolean(5),
                    lecteur.GetFieldValue<string[]>(6), lecteur.GetFieldValue<string[]>(7), lecteur.GetFieldValue<string[]>(8),
                    new CollectiviteCatalogueDto(lecteur.GetGuid(9), lecteur.GetString(10), Enum.Parse<Categorie>(lecteur.GetString(11)),
                        lecteur.IsDBNull(12) ? null : lecteur.GetString(12), lecteur.IsDBNull(13) ? null : lecteur.GetString(13)),
                    lecteur.IsDBNull(14) ? null : Math.Round(lecteur.GetFloat(14), 4)));
                total = (int)lecteur.GetInt64(15);
            }
        // The reader is closed: the connection can take the next command.
        if (items.Count == 0 && critere.Page > 1)
            total = await CompterAsync(critere, ct);
        return new PageDe<FicheCatalogueDto>(items, critere.Page, critere.PageSize, total);
    }

    /// <summary>A page past the end has no row to carry the total: count apart.</summary>
    private async Task<int> CompterAsync(CritereCatalogue critere, CancellationToken ct)
    {
        var premiere = await RechercherAsync(critere with { Page = 1, PageSize = 1 }, ct);
        return premiere.Total;
    }
}
