using Labels.Application.Commun;
using Labels.Application.Imports;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using nietras.SeparatedValues;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The reading of a file, line by line (CSV) or dossier by dossier (JSON): each checked by the rules (ReglesImport, the
/// entities' own), its dossier noted (<see cref="Dossiers"/>), its fiche written to the COPY (<see cref="ISortieFiches"/>),
/// every error kept (<see cref="ErreursDuFichier"/>).
/// </summary>
internal sealed class LectureDuFichier(Edition edition, Dossiers dossiers, FichesDuFichier fiches, FichesRefusees refusees, ISortieFiches sortie,
    NpgsqlBinaryImporter copie, ErreursDuFichier erreurs, IProgress<int> progression, DateTimeOffset maintenant)
{
    private const int PasDeProgression = 5_000;

    private static readonly string[] ColonnesCsv =
        ["collectivite", "arobases", "mentions", "reference", "titre", "resume", "description", "dateDebut", "dateFin", "enCours", "enjeux", "services", "liens"];
    private static readonly string[] ColonnesDeFiche =
        ["reference", "titre", "resume", "description", "dateDebut", "dateFin", "enCours", "enjeux", "services", "liens"];

    private readonly List<(string Champ, string Message)> _champs = [];

    private void Fiche(Origine origine, DossierDuFichier dossier, ContenuFiche contenu)
    {
        sortie.Ecrire(copie, fiches.Ajouter(origine), dossier.CandidatureId, contenu, maintenant);
        dossier.Fiches++;
    }

    public async Task<int> JsonAsync(Stream flux, string? encodage, CancellationToken ct)
    {
        var lecteur = new LecteurJson(flux, encodage);
        var lues = 0;
        try
        {
            while (await lecteur.LireAsync(ct) is { Count: > 0 } lot)
            {
                foreach (var (index, _, dossier, erreursDeLecture) in lot)
                {
                    lues++;
                    _illisibles = erreursDeLecture;
                    foreach (var (chemin, message) in erreursDeLecture) erreurs.Ajouter(null, chemin, Propriete(chemin), message);
                    if (dossier is null) continue;
                    var origine = Origine.Json(index);
                    var code = CodeJson(dossier.Collectivite, origine);
                    var candidature = code is null ? null : dossiers.Voir(code, origine);
                    _champs.Clear();
                    var avant = erreurs.Total;
                    var mentionsLues = Textes(dossier.Distinction?.Mentions, origine, ".distinction", "mentions");
                    var (arobases, mentions) = ReglesImport.Distinction(edition, dossier.Distinction?.Arobases, mentionsLues, _champs);
                    foreach (var (champ, message) in _champs) Signaler(origine.Chemin($".distinction.{champ}"), champ, message);
                    if (candidature is not null && _champs.Count == 0 && erreurs.Total == avant) dossiers.Distinction(candidature, origine, arobases, mentions);
                    var liste = dossier.Fiches ?? [];
                    for (var j = 0; j < liste.Count; j++)
                    {
                        lues++;
                        var origineFiche = Origine.Json(index, j);
                        if (liste[j] is not { } f)
                        {
                            Signaler(origineFiche.Chemin(), "", NulPourUnObjet);
                            continue;
                        }
                        _champs.Clear();
                        avant = erreurs.Total;
                        var (services, enjeux, liens) = (Textes(f.Services, origineFiche, "", "services"), Textes(f.Enjeux, origineFiche, "", "enjeux"),
                            Textes(f.Liens, origineFiche, "", "liens"));
                        // An absent enCours is false (then a dateFin is due); one its reading refused is unknown, as an unreadable
                        // CSV cell is (ReglesImport.LireBooleen): no period is judged on it.
                        var enCours = f.EnCours ?? (Illisible(origineFiche, ".enCours") ? null : false);
                        var contenu = ReglesImport.Fiche(edition, new FicheBrute(f.Reference, f.Titre, f.Resume, f.Description, f.DateDebut, f.DateFin,
                            enCours, services, enjeux, liens), _champs);
                        foreach (var (champ, message) in _champs) Signaler(origineFiche.Chemin($".{champ}"), champ, message);
                        if (candidature is not { } c) continue;
                        // A value its reading refused is an error of the fiche, even one the rules read as absent (a reference).
                        if (contenu is not null && erreurs.Total == avant && !Illisible(origineFiche)) Fiche(origineFiche, c, contenu);
                        else refusees.Ajouter(fiches, origineFiche, c.CandidatureId, f.Reference, f.Titre,
                            titreSansReference: f.Reference is not null || !Illisible(origineFiche, ".reference"));
                    }
                    if (lues / PasDeProgression != (lues - liste.Count - 1) / PasDeProgression) progression.Report(lues);
                }
            }
        }
        finally
        {
            lecteur.Liberer();
        }
        return lues;
    }

    private IReadOnlyList<(string Chemin, string Message)> _illisibles = [];

    /// <summary>
    /// Whether the reading refused this value of the dossier (read as missing then), or one within it. Its path as the file
    /// wrote the names: the serializer matches them whatever their case.
    /// </summary>
    private bool Illisible(Origine origine, string propriete = "")
    {
        if (_illisibles.Count == 0) return false;
        var chemin = origine.Chemin(propriete)!;
        foreach (var (illisible, _) in _illisibles)
            if (illisible.StartsWith(chemin, StringComparison.OrdinalIgnoreCase)
                && (illisible.Length == chemin.Length || illisible[chemin.Length] is '.' or '['))
                return true;
        return false;
    }

    /// <summary>
    /// An error the rules find in a dossier of the JSON, unless it is about a value its reading already refused (a value
    /// of the wrong type is read as missing): the report says once what is wrong with a value, as the file has it.
    /// </summary>
    private void Signaler(string? chemin, string champ, string message)
    {
        foreach (var (illisible, _) in _illisibles)
            if (chemin is not null && (Contient(illisible, chemin) || Contient(chemin, illisible))) return;
        erreurs.Ajouter(null, chemin, champ, message);

        static bool Contient(string parent, string chemin) => chemin.StartsWith(parent, StringComparison.Ordinal)
            && (chemin.Length == parent.Length || chemin[parent.Length] is '.' or '[');
    }

    private static readonly string NulPourUnObjet = $"Valeur attendue : {ValeursAttendues.De(typeof(FicheJson).FullName!)}, pas null.";
    private static readonly string NulPourUnTexte = $"Valeur attendue : {ValeursAttendues.De(nameof(String))}, pas null.";

    /// <summary>
    /// A list of texts of the JSON, its null items left out, each an error of its path (<c>.enjeux[2]</c>): the rules take
    /// texts, and a null says nothing they could check.
    /// </summary>
    private string[] Textes(List<string?>? valeurs, Origine origine, string parent, string champ)
    {
        if (valeurs is null) return [];
        if (!valeurs.Contains(null)) return valeurs.ToArray()!;
        for (var i = 0; i < valeurs.Count; i++)
            if (valeurs[i] is null) Signaler(origine.Chemin($"{parent}.{champ}[{i}]"), $"{champ}[{i}]", NulPourUnTexte);
        return valeurs.OfType<string>().ToArray();
    }

    private string? CodeJson(CollectiviteJson? c, Origine origine)
    {
        if (c is null || (c.CodeInsee is null) == (c.Siren is null))
        {
            Signaler(origine.Chemin(".collectivite"), "collectivite", "Indiquez soit codeInsee, soit siren.");
            return null;
        }
        if (c.CodeInsee is { } insee && !Domain.Commun.CodesOfficiels.EstCodeInseeValide(insee))
        {
            Signaler(origine.Chemin(".collectivite.codeInsee"), "codeInsee", $"Code INSEE malformé : {insee}.");
            return null;
        }
        if (c.Siren is { } siren && !Domain.Commun.CodesOfficiels.EstSirenValide(siren))
        {
            Signaler(origine.Chemin(".collectivite.siren"), "siren", $"SIREN invalide : {siren}.");
            return null;
        }
        return c.CodeInsee ?? c.Siren;
    }

    public async Task<int> CsvAsync(TextReader texte, CancellationToken ct)
    {
        var debut = new DebutDuTexte(texte);
        SepReader lecteur;
        try
        {
            lecteur = await Sep.Reader(o => o with
            {
                Unescape = true,
                Trim = SepTrim.Outer,
                DisableColCountCheck = true,
                ColNameComparer = StringComparer.OrdinalIgnoreCase,
            }).FromAsync(debut, ct);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            // Sep's messages are English and speak of its own terms: the caller hears what is wrong with the file.
            throw new FichierIllisibleException(debut.Json() ?? (debut.ColonneEnDouble() is { } colonne
                ? $"La colonne « {ChaineSansNul.Visible(colonne)} » figure deux fois dans l'en-tête (ligne 1) ; chaque colonne y figure une fois."
                : "L'en-tête du CSV (ligne 1) est illisible : il nomme les colonnes, séparées par « ; » ou « , »."));
        }
        using var _ = lecteur;
        if (debut.Json() is { } json) throw new FichierIllisibleException(json);
        // Sep takes whichever separator the header shows, a tab or « | » as well as the format's two (docs/import.md); « | »
        // separates a cell's lists, and a file that is not the format is better refused than read under another meaning.
        if (lecteur.Spec.Sep.Separator is not (',' or ';') and var autre)
            throw new FichierIllisibleException($"L'en-tête du CSV (ligne 1) sépare ses colonnes par {(autre == '\t' ? "une tabulation" : $"« {autre} »")} : "
                + "un CSV d'import les sépare par « , » ou par « ; ».");
        var entete = lecteur.Header;
        if (entete.IsEmpty) throw new FichierIllisibleException("Le CSV est vide : la première ligne nomme les colonnes.");
        foreach (var nom in entete.ColNames.Where(n => !ColonnesCsv.Contains(n, StringComparer.OrdinalIgnoreCase)).Select(ChaineSansNul.Visible))
            erreurs.Ajouter(1, null, nom, $"Colonne inconnue « {nom} » ; colonnes possibles : {string.Join(", ", ColonnesCsv)}.");
        if (!entete.TryIndexOf("collectivite", out var iCollectivite))
        {
            erreurs.Ajouter(1, null, "collectivite", "La colonne collectivite (code INSEE ou SIREN) est requise.");
            return 0;
        }
        int? Colonne(string nom) => entete.TryIndexOf(nom, out var i) ? i : null;
        var (iArobases, iMentions, iReference, iTitre, iResume, iDescription, iDebut, iFin, iEnCours, iEnjeux, iServices, iLiens) = (
            Colonne("arobases"), Colonne("mentions"), Colonne("reference"), Colonne("titre"), Colonne("resume"), Colonne("description"),
            Colonne("dateDebut"), Colonne("dateFin"), Colonne("enCours"), Colonne("enjeux"), Colonne("services"), Colonne("liens"));
        var iFiche = ColonnesDeFiche.Select(Colonne).OfType<int>().ToArray();
        var nombre = entete.ColNames.Count;
        var lues = 0;

        await foreach (var ligne in lecteur)
        {
            var numero = ligne.LineNumberFrom;
            if (ligne.ColCount == 1 && ligne.Span.Trim().IsEmpty) continue; // blank line
            lues++;
            if (lues % PasDeProgression == 0) progression.Report(lues);
            if (ligne.Span.IndexOfAny('\0', '\uFFFD') is var interdit and >= 0)
            {
                // U+FFFD is what a conversion puts where it lost a character: the file is not the original any more.
                erreurs.Ajouter(numero, null, "", ligne.Span[interdit] == '\0' ? ChaineImportee.Nul : ChaineImportee.Remplacement);
                continue;
            }
            if (ligne.ColCount != nombre)
            {
                erreurs.Ajouter(numero, null, "", $"{ligne.ColCount} colonnes au lieu de {nombre}.");
                continue;
            }
            var origine = Origine.Csv(numero);
            var code = Texte(ligne, iCollectivite);
            DossierDuFichier? candidature = null;
            if (!ReglesImport.EstCodeCollectivite(code))
                erreurs.Ajouter(numero, null, "collectivite", code is null ? "Code de collectivité requis." : $"Code malformé : {code} (code INSEE ou SIREN).");
            else candidature = dossiers.Voir(code!, origine);

            _champs.Clear();
            int? arobases = null;
            if (Texte(ligne, iArobases) is { } a)
            {
                if (int.TryParse(a, out var n)) arobases = n;
                else _champs.Add(("arobases", $"Nombre entier attendu : {a}."));
            }
            var (ar, mentions) = ReglesImport.Distinction(edition, arobases, ReglesImport.Liste(Texte(ligne, iMentions)), _champs);
            foreach (var (champ, message) in _champs) erreurs.Ajouter(numero, null, champ, message);
            if (candidature is not null && _champs.Count == 0) dossiers.Distinction(candidature, origine, ar, mentions);

            if (!AUneFiche(ligne, iFiche)) continue; // a dossier line, no fiche
            _champs.Clear();
            var enCours = ReglesImport.LireBooleen(Texte(ligne, iEnCours));
            var (reference, titre) = (Texte(ligne, iReference), Texte(ligne, iTitre));
            var contenu = ReglesImport.Fiche(edition, new FicheBrute(reference, titre, Texte(ligne, iResume),
                Texte(ligne, iDescription), Texte(ligne, iDebut), Texte(ligne, iFin), enCours, ReglesImport.Liste(Texte(ligne, iServices)),
                ReglesImport.Liste(Texte(ligne, iEnjeux)), ReglesImport.Liste(Texte(ligne, iLiens))), _champs);
            foreach (var (champ, message) in _champs) erreurs.Ajouter(numero, null, champ, message);
            if (candidature is not { } c) continue;
            if (contenu is not null) Fiche(origine, c, contenu);
            else refusees.Ajouter(fiches, origine, c.CandidatureId, reference, titre);
        }
        return lues;
    }

    /// <summary>The property a JSON path ends with (<c>dateDebut</c> of <c>$.dossiers[0].fiches[1].dateDebut</c>), if it ends with one.</summary>
    private static string Propriete(string? chemin) =>
        chemin is null || chemin.EndsWith(']') ? "" : chemin[(chemin.LastIndexOf('.') + 1)..];

    private static string? Texte(SepReader.Row ligne, int? i) => i is { } x && ligne[x].Span.Length > 0 ? ligne[x].ToString() : null;

    private static bool AUneFiche(SepReader.Row ligne, int[] colonnes)
    {
        foreach (var i in colonnes)
            if (ligne[i].Span.Length > 0) return true;
        return false;
    }
}
