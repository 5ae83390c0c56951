using System.Globalization;
using Labels.Domain.Candidatures;
using Labels.Domain.Commun;
using Labels.Domain.Distinctions;
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
/// are the loader's: in memory as lines arrive, and in SQL over the written fiches.
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

    /// <summary>The canonical fiche, or null with the reasons in <paramref name="erreurs"/>.</summary>
    public static ContenuFiche? Fiche(Edition edition, FicheBrute brute, List<(string Champ, string Message)> erreurs)
    {
        var avant = erreurs.Count;
        if (brute.Reference is { Length: > FicheAction.LongueurMaxReference })
            erreurs.Add(("reference", $"{FicheAction.LongueurMaxReference} caractères au plus."));
        if (string.IsNullOrWhiteSpace(brute.Titre)) erreurs.Add(("titre", "Le titre est requis."));
        else if (brute.Titre.Trim().Length > FicheAction.LongueurMaxTitre) erreurs.Add(("titre", $"{FicheAction.LongueurMaxTitre} caractères au plus."));
        if (brute.Resume is { Length: > FicheAction.LongueurMaxResume }) erreurs.Add(("resume", $"{FicheAction.LongueurMaxResume} caractères au plus."));
        if (string.IsNullOrWhiteSpace(brute.Description)) erreurs.Add(("description", "La description est requise."));
        else if (brute.Description.Trim().Length > FicheAction.LongueurMaxDescription)
            erreurs.Add(("description", $"{FicheAction.LongueurMaxDescription} caractères au plus."));
        var debut = LireDate(brute.DateDebut, "dateDebut", erreurs, requise: true);
        var fin = LireDate(brute.DateFin, "dateFin", erreurs, requise: false);
        if (brute.EnCours is null) erreurs.Add(("enCours", "Valeur attendue : true ou false."));
        if (debut is { } d && brute.EnCours is { } enCours && FicheAction.DefautDePeriode(d, fin, enCours) is { } periode)
            erreurs.Add(("dateFin", periode));
        for (var i = 0; i < brute.Liens.Count; i++)
            if (!FicheAction.EstLienValide(brute.Liens[i])) erreurs.Add(($"liens[{i}]", "Un lien est une adresse http(s) absolue."));
        if (brute.Liens.Count > FicheAction.NombreMaxLiens) erreurs.Add(("liens", $"{FicheAction.NombreMaxLiens} liens au plus."));
        if (erreurs.Count > avant)
        {
            // The line is refused anyway: still tell what is wrong with its codes, so one pass shows every error.
            try { edition.Referentiel.Classer(brute.Services, brute.Enjeux); }
            catch (DonneeInacceptableException e) { erreurs.Add((e.Champ, e.Message)); }
            return null;
        }
        try
        {
            // Classification by the référentiel is the last check, done once with the canonical form.
            return FicheAction.Normaliser(edition, new ContenuFiche(brute.Reference, brute.Titre!, brute.Resume, brute.Description!, debut!.Value, fin,
                brute.EnCours!.Value, brute.Services, brute.Enjeux, brute.Liens));
        }
        catch (DonneeInacceptableException e)
        {
            erreurs.Add((e.Champ, e.Message));
            return null;
        }
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
        if (arobases is null) erreurs.Add(("arobases", "Une distinction a des arobases (1 à 5)."));
        else if (arobases is < Domain.Distinctions.Distinction.ArobasesMin or > Domain.Distinctions.Distinction.ArobasesMax)
            erreurs.Add(("arobases", "Les arobases vont de 1 à 5."));
        var inconnues = (mentions ?? []).Where(m => !edition.Referentiel.ConnaitMention(m)).ToArray();
        if (inconnues.Length > 0)
            erreurs.Add(("mentions", $"Mention(s) inconnue(s) dans l'édition {edition.Annee} : {string.Join(", ", inconnues)}."));
        return (arobases, (mentions ?? []).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Splits a `|`-separated CSV cell into trimmed, non-empty values.</summary>
    public static string[] Liste(string? cellule) =>
        string.IsNullOrWhiteSpace(cellule) ? [] : cellule.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
