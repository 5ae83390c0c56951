using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Domain.Jury;
using Microsoft.EntityFrameworkCore;

namespace Labels.Infrastructure.Persistance;

/// <summary>
/// What a violated unique index (Configurations.cs names them) means, in the caller's words, naming the record that already
/// holds the key: its natural key, and its id when it has one of its own. The index tells that a record exists; the rows being
/// written tell which key, and one query finds the record. EF rolled the failed save back to its savepoint, so the use case's
/// transaction still reads.
/// </summary>
internal static class Unicites
{
    public const string ParDefaut = "Cet enregistrement existe déjà.";

    public static async Task<string> DecrireAsync(LabelsDbContext db, string? contrainte, IReadOnlyList<object> ecrits, CancellationToken ct)
    {
        IEnumerable<T> De<T>() => ecrits.OfType<T>();
        switch (ContrainteDeFiche(contrainte) ?? contrainte)
        {
            case "ux_collectivites_code_insee" or "ux_collectivites_siren":
                foreach (var c in De<Collectivite>())
                {
                    var memeCle = contrainte == "ux_collectivites_siren"
                        ? db.Collectivites.Where(x => x.Siren == c.Siren)
                        : db.Collectivites.Where(x => x.CodeInsee == c.CodeInsee);
                    var existante = await memeCle.AsNoTracking().Select(x => new { x.Id, x.Type, x.Nom, x.CodeInsee, x.Siren }).FirstOrDefaultAsync(ct);
                    if (existante is not null)
                        return $"{Collectivite(existante.Type, existante.Nom, existante.CodeInsee, existante.Siren)} est déjà enregistrée "
                            + $"comme collectivité : {existante.Id}.";
                }
                return "Cette collectivité est déjà enregistrée.";
            case "pk_editions":
                return De<Edition>().FirstOrDefault() is { } edition ? $"L'édition {edition.Annee} existe déjà." : "Cette édition existe déjà.";
            case "ux_editions_numero":
                foreach (var e in De<Edition>())
                    if (await db.Editions.AsNoTracking().Where(x => x.Numero == e.Numero).Select(x => (int?)x.Annee).FirstOrDefaultAsync(ct) is { } annee)
                        return $"Le numéro {e.Numero} est déjà celui de l'édition {annee}.";
                return "Une autre édition porte déjà ce numéro.";
            case "ux_candidatures_edition_collectivite":
                foreach (var c in De<Candidature>())
                {
                    var existante = await db.Candidatures.AsNoTracking()
                        .Where(x => x.EditionAnnee == c.EditionAnnee && x.CollectiviteId == c.CollectiviteId)
                        .Join(db.Collectivites, x => x.CollectiviteId, x => x.Id, (d, x) => new { d.Id, x.Type, x.Nom, x.CodeInsee, x.Siren })
                        .FirstOrDefaultAsync(ct);
                    if (existante is not null)
                        return $"{Collectivite(existante.Type, existante.Nom, existante.CodeInsee, existante.Siren)} a déjà une candidature dans "
                            + $"l'édition {c.EditionAnnee} : {existante.Id}.";
                }
                return "Cette collectivité a déjà une candidature dans cette édition.";
            case "ux_fiches_candidature_reference":
                foreach (var f in De<FicheAction>())
                    if (await db.Fiches.AsNoTracking()
                            .Where(x => x.CandidatureId == f.CandidatureId && x.EditionAnnee == f.EditionAnnee && x.Reference == f.Reference && x.Id != f.Id)
                            .Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct) is { } fiche)
                        return $"La fiche {fiche} de ce dossier porte déjà la référence « {f.Reference} ».";
                return "Une fiche de ce dossier porte déjà cette référence.";
            case "ux_fiches_candidature_titre":
                foreach (var f in De<FicheAction>().Where(f => f.Reference is null))
                    if (await db.Fiches.AsNoTracking()
                            .Where(x => x.CandidatureId == f.CandidatureId && x.EditionAnnee == f.EditionAnnee && x.Reference == null
                                && x.Titre == f.Titre && x.Id != f.Id)
                            .Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct) is { } fiche)
                        return $"La fiche {fiche} de ce dossier, sans référence, porte déjà le titre « {f.Titre} » : "
                            + "donnez une référence à l'une des deux ou un autre titre.";
                return "Une fiche sans référence de ce dossier porte déjà ce titre.";
            case "ux_distinctions_candidature":
                foreach (var d in De<Distinction>())
                    if (await db.Distinctions.AsNoTracking().Where(x => x.CandidatureId == d.CandidatureId).Select(x => (Guid?)x.Id)
                            .FirstOrDefaultAsync(ct) is { } distinction)
                        return $"Le dossier {d.CandidatureId} a déjà une distinction : {distinction}.";
                return "Ce dossier a déjà une distinction.";
            case "ux_membres_jury_edition_compte":
                foreach (var j in De<MembreJury>())
                    if (await db.Jures.AsNoTracking().Where(x => x.EditionAnnee == j.EditionAnnee && x.CompteId == j.CompteId).Select(x => (Guid?)x.Id)
                            .FirstOrDefaultAsync(ct) is { } jure)
                        return $"Le compte {j.CompteId} siège déjà dans le jury de l'édition {j.EditionAnnee} : juré {jure}.";
                return "Ce compte siège déjà dans le jury de cette édition.";
            case "ux_affectations_candidature_jure":
                // A batch: the first of its pairs that is already there.
                var paires = De<Affectation>().Select(a => (a.CandidatureId, a.JureId)).ToHashSet();
                var dossiers = paires.Select(p => p.CandidatureId).Distinct().ToArray();
                var existantes = await db.Affectations.AsNoTracking().Where(x => dossiers.Contains(x.CandidatureId))
                    .Select(x => new { x.Id, x.CandidatureId, x.JureId }).ToListAsync(ct);
                return existantes.FirstOrDefault(x => paires.Contains((x.CandidatureId, x.JureId))) is { } affectation
                    ? $"Le dossier {affectation.CandidatureId} est déjà affecté au juré {affectation.JureId} : affectation {affectation.Id}."
                    : "Ce dossier est déjà affecté à ce juré.";
            default:
                return ParDefaut;
        }
    }

    /// <summary>
    /// fiches_actions is partitioned by édition (migration FichesParEdition) and a violation names the partition's constraint
    /// or index: the default partition's as PostgreSQL derived (and truncated) it, an imported édition's as the import named
    /// it (Imports/Sql.cs). Its unique keys besides the primary key are the reference and, for a fiche without one, the title.
    /// </summary>
    private static string? ContrainteDeFiche(string? contrainte) => contrainte switch
    {
        { } c when !c.StartsWith("fiches_actions_", StringComparison.Ordinal) || c.EndsWith("_pkey", StringComparison.Ordinal) => null,
        { } c when c.EndsWith("_titre", StringComparison.Ordinal) || c.EndsWith("_titre_idx", StringComparison.Ordinal) => "ux_fiches_candidature_titre",
        _ => "ux_fiches_candidature_reference",
    };

    private static string Collectivite(TypeCollectivite type, string nom, string? codeInsee, string? siren) => type == TypeCollectivite.Commune
        ? $"La commune {nom} ({codeInsee})"
        : $"L'intercommunalité {nom} (SIREN {siren})";
}
