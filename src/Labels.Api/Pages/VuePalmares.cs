using System.Globalization;
using Labels.Api.Publication;
using Labels.Application.Cog;
using Labels.Application.Palmares;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Microsoft.AspNetCore.WebUtilities;

namespace Labels.Api.Pages;

public sealed record DepartementAffiche(string Code, string Nom, IReadOnlyList<LaureatDto> Laureats);

public sealed record RegionAffichee(string Code, string Nom, IReadOnlyList<DepartementAffiche> Departements);

/// <summary>A link of a filter: its text (and how a screen reader says it, where it differs), where it goes, whether it is the one applied.</summary>
public sealed record LienDeFiltre(string Texte, string Url, bool Actif, string? Lu = null);

/// <summary>
/// What a palmarès page shows, computed from the release in memory (no database read): the laureates kept by the filters and
/// the search, grouped by région then département under the COG's names, and the links of every filter.
/// </summary>
public sealed class VuePalmares
{
    private static readonly StringComparer OrdreFrancais = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);

    public required PalmaresDto Palmares { get; init; }
    public required IReadOnlyDictionary<string, string> NomsDesMentions { get; init; }
    public required IReadOnlyList<RegionAffichee> Regions { get; init; }
    public required int NombreRetenu { get; init; }
    public required FiltresPalmares Filtres { get; init; }
    public required string? Recherche { get; init; }
    public required bool VersionDemandee { get; init; }
    public required IReadOnlyList<(string Titre, IReadOnlyList<LienDeFiltre> Liens)> GroupesDeFiltres { get; init; }
    public required string CheminDeBase { get; init; }

    public bool Filtre => !Filtres.Vides || Recherche is not null;

    public static VuePalmares Construire(PalmaresPublies.Release release, FiltresPalmares filtres, string? recherche, bool versionDemandee,
        ITerritoires territoires, string cheminDeBase)
    {
        var palmares = release.Palmares;
        // « St » is « Saint » in a name, or the first letters of one (Stains, Strasbourg): both readings are looked for.
        string[] cherche = recherche is null ? [] : [CleDeRecherche(recherche), CleDeRecherche(recherche, saint: false)];
        var retenus = palmares.Laureats.Where(filtres.Retient)
            .Where(l => recherche is null || recherche == l.CodeInsee || recherche == l.Siren
                || CleDeRecherche(Textes.NomEtDepartement(l)) is var nom && cherche.Any(c => nom.Contains(c, StringComparison.Ordinal)))
            .ToList();
        var nomsRegions = territoires.Regions.ToDictionary(r => r.Code, r => r.Nom);
        var nomsDepartements = territoires.Departements.ToDictionary(d => d.Code, d => d.Nom);
        var regions = retenus.GroupBy(l => l.Region ?? "")
            .Select(r => new RegionAffichee(r.Key, nomsRegions.GetValueOrDefault(r.Key) ?? "Hors région",
                r.GroupBy(l => l.Departement ?? "").OrderBy(d => d.Key, StringComparer.Ordinal)
                    .Select(d => new DepartementAffiche(d.Key, nomsDepartements.GetValueOrDefault(d.Key) ?? "Hors département",
                        d.OrderBy(l => l.Nom, OrdreFrancais).ToList()))
                    .ToList()))
            .OrderBy(r => r.Nom, OrdreFrancais)
            .ToList();

        string Lien(FiltresPalmares f) => Url(cheminDeBase, f, recherche, versionDemandee ? palmares.Version : null);
        var groupes = new List<(string, IReadOnlyList<LienDeFiltre>)>();
        // Only the régions and départements the release has: a link never leads to an empty list.
        var regionsPresentes = palmares.Laureats.Select(l => l.Region).OfType<string>().Distinct().Where(nomsRegions.ContainsKey)
            .OrderBy(c => nomsRegions[c], OrdreFrancais);
        groupes.Add(("Région", [new LienDeFiltre("Toutes", Lien(filtres with { Region = null, Departement = null }), filtres.Region is null),
            .. regionsPresentes.Select(c => new LienDeFiltre(nomsRegions[c], Lien(filtres with { Region = c, Departement = null }), filtres.Region == c))]));
        var departementsPresents = palmares.Laureats.Where(l => filtres.Region is null || l.Region == filtres.Region)
            .Select(l => l.Departement).OfType<string>().Distinct().Where(nomsDepartements.ContainsKey).Order(StringComparer.Ordinal);
        groupes.Add(("Département", [new LienDeFiltre("Tous", Lien(filtres with { Departement = null }), filtres.Departement is null),
            .. departementsPresents.Select(c => new LienDeFiltre($"{nomsDepartements[c]} ({c})", Lien(filtres with { Departement = c }), filtres.Departement == c))]));
        groupes.Add(("Catégorie", [new LienDeFiltre("Toutes", Lien(filtres with { Categorie = null }), filtres.Categorie is null),
            .. Enum.GetValues<Categorie>().Select(c => new LienDeFiltre(Textes.Categorie(c), Lien(filtres with { Categorie = c }), filtres.Categorie == c))]));
        groupes.Add(("Arobases", [new LienDeFiltre("Toutes", Lien(filtres with { Arobases = null }), filtres.Arobases is null),
            .. Enumerable.Range(Distinction.ArobasesMin, Distinction.ArobasesMax - Distinction.ArobasesMin + 1).Select(a => new LienDeFiltre(Textes.Arobases(a), Lien(filtres with { Arobases = a }), filtres.Arobases == a,
                Textes.ArobasesEnToutesLettres(a)))]));
        groupes.Add(("Mention", [new LienDeFiltre("Toutes", Lien(filtres with { Mention = null }), filtres.Mention is null),
            .. release.Mentions.Keys.Order(StringComparer.Ordinal).Select(m => new LienDeFiltre(Textes.Mention(m, release.Mentions), Lien(filtres with { Mention = m }), filtres.Mention == m))]));

        return new VuePalmares
        {
            Palmares = palmares, NomsDesMentions = release.Mentions, Regions = regions, NombreRetenu = retenus.Count, Filtres = filtres, Recherche = recherche,
            VersionDemandee = versionDemandee, GroupesDeFiltres = groupes, CheminDeBase = cheminDeBase,
        };
    }

    /// <summary>
    /// A name as a reader types it, compared on its letters and digits only: without case nor accents, in any width (NFKD),
    /// ligatures spelt out, « St »/« Ste » as « Saint »/« Sainte », and nothing of what separates words — space, hyphen,
    /// apostrophe straight or curly, brackets: « saint etienne » finds « Saint-Étienne », « aigrefeuille daunis » and the page's own
    /// « Aigrefeuille-d'Aunis (17) » find « Aigrefeuille-d’Aunis », « boissy st leger » « Boissy-Saint-Léger ».
    /// </summary>
    public static string CleDeRecherche(string texte, bool saint = true)
    {
        var cle = new System.Text.StringBuilder(texte.Length);
        var mot = new System.Text.StringBuilder();
        foreach (var c in texte.Replace("œ", "oe").Replace("Œ", "oe").Replace("æ", "ae").Replace("Æ", "ae").Normalize(System.Text.NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) mot.Append(char.ToLowerInvariant(c));
            else FinirLeMot();
        }
        FinirLeMot();
        return cle.ToString();

        void FinirLeMot()
        {
            cle.Append(mot.ToString() switch { "st" when saint => "saint", "ste" when saint => "sainte", var m => m });
            mot.Clear();
        }
    }

    /// <summary>The address of a palmarès page with these filters, in the query the JSON route takes (same names, same values).</summary>
    public static string Url(string chemin, FiltresPalmares filtres, string? recherche, int? version)
    {
        var parametres = new List<KeyValuePair<string, string?>>();
        if (version is { } v) parametres.Add(new("version", v.ToString(CultureInfo.InvariantCulture)));
        if (filtres.Region is { } r) parametres.Add(new("region", r));
        if (filtres.Departement is { } d) parametres.Add(new("departement", d));
        if (filtres.Categorie is { } c) parametres.Add(new("categorie", Textes.CodeCategorie(c)));
        if (filtres.Arobases is { } a) parametres.Add(new("arobases", a.ToString(CultureInfo.InvariantCulture)));
        if (filtres.Mention is { } m) parametres.Add(new("mention", m));
        if (recherche is { } q) parametres.Add(new("q", q));
        return QueryHelpers.AddQueryString(chemin, parametres);
    }
}
