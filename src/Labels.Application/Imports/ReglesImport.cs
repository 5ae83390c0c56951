using System.Globalization;
using Labels.Domain.Candidatures;
using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Application.Imports;

/// <summary>What a file says of one fiche, before any check.</summary>
public sealed record FicheBrute(
    string? Reference, string? Titre, string? Resume, string? Description, string? DateDebut, string? DateFin, bool? EnCours,
    IReadOnlyList<string> Services, IReadOnlyList<string> Enjeux, IReadOnlyList<string> Liens);

/// <summary>
/// The checks of one line or one JSON object of an import, with the domain's own rules
/// (codes, périodes, classification by the édition's référentiel), field by field.
/// Cross-line rules (codes of the COG, one dossier per collectivité, one distinction, duplicate references)
/// are the loader's: in memory as lines arrive, and in SQL over the written fiches and the keys of the refused ones.
/// </summary>
public static class ReglesImport
{
    private static readonly string[] FormatsDeDate = ["yyyy-MM-dd", "dd/MM/yyyy"];

    /// <summary>What <see cref="LireDate"/> reads, in its messages: both formats, the second as French spreadsheets write dates.</summary>
    public const string DatesAcceptees = "AAAA-MM-JJ (2022-02-03) ou JJ/MM/AAAA (03/02/2022)";

    public static bool EstCodeCollectivite(string? code) => CodesOfficiels.EstCodeInseeValide(code) || CodesOfficiels.EstSirenValide(code);

    public static DateOnly? LireDate(string? texte, string champ, List<(string Champ, string Message)> erreurs, bool requise)
    {
        if (string.IsNullOrWhiteSpace(texte))
        {
            if (requise) erreurs.Add((champ, $"Date requise : {DatesAcceptees}."));
            return null;
        }
        if (DateOnly.TryParseExact(texte.Trim(), FormatsDeDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        erreurs.Add((champ, $"Date invalide « {texte} » : {DatesAcceptees} attendue."));
        return null;
    }

    public static bool? LireBooleen(string? texte) => texte?.Trim().ToLowerInvariant() switch
    {
        null or "" => false,
        "true" or "vrai" or "oui" or "1" or "x" => true,
        "false" or "faux" or "non" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// The canonical fiche, or null with the reasons in <paramref name="erreurs"/>: its dates read as a file writes them, then
    /// the entity's rules (<see cref="FicheAction.Verifier"/>), but for the fields whose text could not be read, whose error
    /// is already said.
    /// </summary>
    public static ContenuFiche? Fiche(Edition edition, FicheBrute brute, List<(string Champ, string Message)> erreurs)
    {
        var avant = erreurs.Count;
        var debut = LireDate(brute.DateDebut, "dateDebut", erreurs, requise: true);
        var fin = LireDate(brute.DateFin, "dateFin", erreurs, requise: false);
        var illisibles = erreurs.Count == avant ? [] : erreurs.Skip(avant).Select(e => e.Champ).ToHashSet();
        var defauts = new List<(string Champ, string Message)>();
        var contenu = FicheAction.Verifier(edition, new FicheProposee(brute.Reference, brute.Titre, brute.Resume, brute.Description, debut, fin,
            brute.EnCours, brute.Services, brute.Enjeux, brute.Liens), defauts);
        // A period is not judged on a date that could not be read.
        erreurs.AddRange(defauts.Where(d => !illisibles.Contains(d.Champ) && !(d.Champ == "dateFin" && illisibles.Contains("dateDebut"))));
        return erreurs.Count == avant ? contenu : null;
    }

    /// <summary>A dossier's distinction: only in an archived édition, 1 to 5 @, mentions of its référentiel.</summary>
    public static (int? Arobases, string[]? Mentions) Distinction(Edition edition, int? arobases, IReadOnlyList<string>? mentions,
        List<(string Champ, string Message)> erreurs)
    {
        if (arobases is null && (mentions is null || mentions.Count == 0)) return (null, null);
        if (!edition.AccepteDistinctionsImportees)
        {
            erreurs.Add(("arobases", $"L'édition {edition.Annee} n'est pas historique : ses distinctions viennent de son jury, pas d'un import."));
            return (null, null);
        }
        if (arobases is null)
            erreurs.Add(("arobases", $"Une distinction a des arobases ({Domain.Distinctions.Distinction.ArobasesMin} à {Domain.Distinctions.Distinction.ArobasesMax})."));
        else if (!Domain.Distinctions.Distinction.ArobasesPossibles(arobases.Value))
            erreurs.Add(("arobases", Domain.Distinctions.Distinction.MessageArobases));
        if (Domain.Distinctions.Distinction.DefautDeMentions(edition, mentions ?? []) is { } mentionsInconnues)
            erreurs.Add(("mentions", mentionsInconnues));
        return (arobases, Domain.Distinctions.Distinction.MentionsRangees(mentions ?? []));
    }

    /// <summary>Splits a `|`-separated CSV cell into trimmed, non-empty values.</summary>
    public static string[] Liste(string? cellule) =>
        string.IsNullOrWhiteSpace(cellule) ? [] : cellule.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
