using System.Globalization;
using System.Text;

namespace Labels.Cli.Generation;

/// <summary>One generated fiche action, in the terms of docs/import.md.</summary>
public sealed record FicheGeneree(
    string? Reference, string Titre, string? Resume, string Description, DateOnly DateDebut, DateOnly? DateFin, bool EnCours,
    string[] Enjeux, string[] Liens);

/// <summary>
/// Plausible French fiches from small word lists: a title names an action on an object tied to the
/// fiche's first enjeu, the description strings a few sentences about who, for whom, how much and why.
/// A few sentences carry `;` and `"` so that CSV quoting is exercised as real files do.
/// </summary>
public static class Redaction
{
    /// <summary>The 16 enjeux of the default référentiel, with how often fiches address them.</summary>
    public static readonly (string Code, int Poids, string[] Objets)[] Enjeux =
    [
        ("emploi", 4, ["un atelier de recherche d'emploi en ligne", "un job dating numérique", "une plateforme locale d'offres d'emploi",
            "des formations bureautiques pour les demandeurs d'emploi", "un espace de coworking"]),
        ("culture", 8, ["le portail de la médiathèque", "des ateliers de création numérique", "une exposition virtuelle",
            "un festival des arts numériques", "une Micro-Folie"]),
        ("patrimoine", 5, ["une visite virtuelle de l'église", "la numérisation des archives municipales",
            "un parcours patrimonial en réalité augmentée", "des bornes interactives au musée", "un inventaire participatif du petit patrimoine"]),
        ("services-publics", 14, ["un portail citoyen de démarches en ligne", "la prise de rendez-vous en ligne pour l'état civil",
            "le paiement en ligne de la cantine", "un guichet numérique unique", "la dématérialisation des autorisations d'urbanisme"]),
        ("identite", 10, ["le nouveau site internet de la commune", "une application mobile municipale", "une charte graphique numérique",
            "une lettre d'information électronique", "la présence de la collectivité sur les réseaux sociaux"]),
        ("education", 12, ["un espace numérique de travail pour les écoles", "des classes mobiles de tablettes",
            "des écrans numériques interactifs dans les classes", "des ateliers de codage pour les enfants", "le plan d'équipement numérique des écoles"]),
        ("democratie-locale", 8, ["un budget participatif en ligne", "une plateforme de consultation citoyenne",
            "la retransmission en direct du conseil municipal", "un conseil municipal des jeunes connecté", "des questionnaires en ligne sur les projets d'aménagement"]),
        ("cooperation", 3, ["un système d'information géographique mutualisé", "un groupement de commandes numériques",
            "une plateforme de services partagés entre communes", "un jumelage numérique avec une ville européenne", "une démarche intercommunale de données ouvertes"]),
        ("vie-quotidienne", 9, ["un panneau d'information connecté", "une application de signalement des incidents de voirie",
            "le wifi public gratuit sur les places", "un service d'alerte par SMS", "des capteurs de stationnement"]),
        ("developpement-economique", 6, ["une place de marché en ligne pour les commerçants", "un annuaire numérique des entreprises locales",
            "un tiers-lieu pour les entrepreneurs", "la fibre optique dans les zones d'activité", "un accompagnement numérique des artisans"]),
        ("solidarites", 7, ["un prêt d'ordinateurs reconditionnés", "des permanences d'aide aux démarches en ligne",
            "un service de téléassistance pour les aînés", "le Pass numérique pour les publics fragiles", "une plateforme d'entraide entre voisins"]),
        ("vie-associative", 5, ["un portail des associations", "un agenda partagé des associations", "la réservation en ligne des salles municipales",
            "des formations numériques pour les bénévoles", "un forum des associations en ligne"]),
        ("cohesion-sociale", 5, ["un espace intergénérationnel numérique", "des ateliers numériques parents-enfants", "un réseau social de quartier",
            "des cafés numériques dans les quartiers", "un programme d'inclusion numérique"]),
        ("attractivite", 6, ["un site de promotion touristique", "des visites guidées par QR code", "une campagne de marketing territorial",
            "un accueil numérique des nouveaux habitants", "une carte interactive des sentiers de randonnée"]),
        ("mediation", 12, ["un conseiller numérique France Services", "un espace public numérique",
            "des ateliers d'initiation à internet pour les seniors", "un bus numérique itinérant", "une permanence de médiation numérique à la mairie"]),
        ("innovation", 5, ["un jumeau numérique du territoire", "des capteurs de qualité de l'air", "un laboratoire d'innovation publique",
            "l'éclairage public intelligent", "un fab lab municipal"]),
    ];

    private static readonly int[] PoidsEnjeux = Enjeux.Select(e => e.Poids).ToArray();

    private static readonly string[] Actions =
    [
        "Mise en place", "Déploiement", "Lancement", "Extension", "Modernisation", "Création", "Refonte", "Généralisation",
        "Expérimentation", "Développement", "Renforcement", "Ouverture", "Animation", "Évaluation",
    ];

    private static readonly string[] Complements =
    [
        "", "", "", " dans les quartiers", " pour les seniors", " pour les familles", " en milieu rural", " avec les habitants",
        " sur tout le territoire", " en partenariat avec le département", " pour les jeunes", " dans les écoles", " au centre-bourg",
    ];

    private static readonly string[] Porteurs =
    [
        "le service communication", "la direction des systèmes d'information", "le centre communal d'action sociale", "la médiathèque",
        "le service jeunesse", "les services techniques", "l'élu délégué au numérique", "le service culturel", "le secrétariat de mairie",
    ];

    private static readonly string[] Partenaires =
    [
        "une association d'usagers", "le département", "la région", "la Banque des Territoires", "les écoles", "un collectif de bénévoles",
        "l'office de tourisme", "la chambre de commerce et d'industrie", "La Poste", "l'espace France Services", "le collège",
    ];

    private static readonly string[] Publics =
    [
        "habitants", "élèves", "seniors", "familles", "associations", "commerçants", "usagers", "jeunes", "visiteurs", "agents",
    ];

    private static readonly string[] Objectifs =
    [
        "simplifier les démarches des habitants", "réduire la fracture numérique", "rendre l'information accessible à tous",
        "soutenir le commerce de proximité", "valoriser le patrimoine local", "associer les citoyens aux décisions",
        "réduire l'empreinte environnementale du numérique", "faciliter l'accès à la culture", "rompre l'isolement des personnes âgées",
        "attirer de nouveaux habitants", "moderniser l'action publique", "préparer les enfants aux usages numériques",
    ];

    private static readonly string[] Financements =
    [
        "par la collectivité et une subvention de l'État", "dans le cadre du plan France Relance", "avec le soutien de la région",
        "sur le budget de fonctionnement", "par des fonds européens (FEDER)", "avec l'aide de l'intercommunalité", "par la DETR",
    ];

    private static readonly string[] Citations =
    [
        "c'est simple et rapide", "enfin un service pensé pour nous", "mes enfants adorent", "je n'ai plus besoin de me déplacer",
        "on se sent moins seuls", "tout est clair, même pour moi", "un vrai gain de temps",
    ];

    private static readonly string[] Dispositifs = ["Pass numérique", "Ma commune connectée", "Clic & Services", "Numérique pour tous", "Village connecté"];

    private static readonly string[] Echeances =
        ["à la fin de l'année", "après six mois de fonctionnement", "au prochain conseil", "chaque trimestre", "à l'issue de la première saison"];

    public static FicheGeneree Fiche(CollectiviteCog collectivite, int annee, int numero, Tirage t, HashSet<string> titresSansReference)
    {
        var enjeux = TirerEnjeux(t);
        var principal = Enjeux[Array.FindIndex(Enjeux, e => e.Code == enjeux[0])];
        var objet = t.Parmi(principal.Objets);
        var action = t.Parmi(Actions);
        var reference = t.Chance(0.8) ? $"{collectivite.Code}-{annee}-{numero.ToString("D4", CultureInfo.InvariantCulture)}" : null;

        var titre = Capitaliser($"{action} {De(objet)}{t.Parmi(Complements)}");
        if (reference is null)
        {
            // Without a reference a fiche is known by its title within the dossier: it must be unique there.
            var essai = titre;
            for (var volet = 2; !titresSansReference.Add(essai); volet++) essai = $"{titre} – volet {volet}";
            titre = essai;
        }

        // Within the two years before the édition.
        var origine = new DateOnly(annee - 2, 1, 1);
        var derniere = new DateOnly(annee - 1, 12, 31);
        var debut = origine.AddDays(t.Entier(derniere.DayNumber - origine.DayNumber + 1));
        var enCours = t.Chance(0.3);
        DateOnly? fin = enCours ? null : Min(debut.AddDays(t.Entre(14, 540)), derniere);

        var resume = t.Chance(0.7) ? $"{action} {De(objet)} pour {t.Parmi(Objectifs)}." : null;
        var description = Description(collectivite, objet, debut, enCours, t);
        var liens = Liens(collectivite, titre, annee, numero, t);
        return new FicheGeneree(reference, titre, resume, description, debut, fin, enCours, enjeux, liens);
    }

    private static string[] TirerEnjeux(Tirage t)
    {
        var nombre = t.Pondere([45, 35, 20]) + 1;
        var codes = new List<string>(nombre);
        while (codes.Count < nombre)
        {
            var code = Enjeux[t.Pondere(PoidsEnjeux)].Code;
            if (!codes.Contains(code)) codes.Add(code);
        }
        return [.. codes];
    }

    private static string Description(CollectiviteCog c, string objet, DateOnly debut, bool enCours, Tirage t)
    {
        var texte = new StringBuilder(1024);
        var publicVise = t.Parmi(Publics);
        texte.Append(CultureInfo.InvariantCulture, $"En {debut.Year}, {Qui(c)} a {(enCours ? "engagé" : "mené")} {Pour(objet)} destiné aux {publicVise}.");
        // Most descriptions are a paragraph; a few run long, as real applications do.
        var phrases = t.Chance(0.04) ? t.Entre(15, 45) : t.Entre(2, 7);
        for (var i = 0; i < phrases; i++)
        {
            texte.Append(' ');
            switch (t.Entier(10))
            {
                case 0:
                    texte.Append(CultureInfo.InvariantCulture, $"Le projet est porté par {t.Parmi(Porteurs)} en lien avec {t.Parmi(Partenaires)}.");
                    break;
                case 1:
                    texte.Append(CultureInfo.InvariantCulture, $"{Nombre(t)} {t.Parmi(Publics)} en ont déjà profité.");
                    break;
                case 2:
                    texte.Append(CultureInfo.InvariantCulture, $"L'objectif est de {t.Parmi(Objectifs)}.");
                    break;
                case 3:
                    texte.Append(CultureInfo.InvariantCulture,
                        $"Le coût total s'élève à {(t.Entre(2, 400) * 500).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ')} € TTC, financé {t.Parmi(Financements)}.");
                    break;
                case 4:
                    texte.Append(CultureInfo.InvariantCulture, $"Un bilan est prévu {t.Parmi(Echeances)} ; les résultats seront publiés sur le site de la collectivité.");
                    break;
                case 5:
                    texte.Append(CultureInfo.InvariantCulture, $"Les retours des {t.Parmi(Publics)} sont très positifs : « {t.Parmi(Citations)} ».");
                    break;
                case 6:
                    texte.Append(CultureInfo.InvariantCulture, $"Le dispositif \"{t.Parmi(Dispositifs)}\" complète l'offre existante.");
                    break;
                case 7:
                    texte.Append("Les données produites sont publiées en open data sous Licence Ouverte.");
                    break;
                case 8:
                    texte.Append(CultureInfo.InvariantCulture, $"{t.Entre(2, 60)} agents ont été formés aux nouveaux outils.");
                    break;
                default:
                    texte.Append(CultureInfo.InvariantCulture, $"Il s'agit aussi de {t.Parmi(Objectifs)}, avec {t.Parmi(Partenaires)}.");
                    break;
            }
        }
        return texte.ToString();
    }

    private static string[] Liens(CollectiviteCog c, string titre, int annee, int numero, Tirage t)
    {
        if (!t.Chance(0.35)) return [];
        var site = c.EstIntercommunalite ? $"https://www.{Slug(c.Nom)}.fr" : $"https://www.ville-{Slug(c.Nom)}.fr";
        var liens = new List<string> { $"{site}/actions/{Slug(titre)}" };
        if (t.Chance(0.3)) liens.Add($"{site}/actualites/{annee - 1}/{numero}");
        if (t.Chance(0.1)) liens.Add($"https://www.youtube.com/watch?v={Identifiant(t)}");
        return [.. liens];
    }

    private static string Qui(CollectiviteCog c) => c.EstIntercommunalite ? $"l'intercommunalité {c.Nom}" : c.Nom;

    private static string Nombre(Tirage t) => t.Chance(0.5) ? t.Entre(12, 99).ToString(CultureInfo.InvariantCulture) : t.Entre(100, 2500).ToString(CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Capitaliser(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>"un x" → "d'un x", "le x" → "du x", "les x" → "des x": the object after an action noun.</summary>
    public static string De(string objet) => objet switch
    {
        _ when objet.StartsWith("un ", StringComparison.Ordinal) || objet.StartsWith("une ", StringComparison.Ordinal) => "d'" + objet,
        _ when objet.StartsWith("le ", StringComparison.Ordinal) => "du " + objet[3..],
        _ when objet.StartsWith("les ", StringComparison.Ordinal) => "des " + objet[4..],
        _ when objet.StartsWith("des ", StringComparison.Ordinal) => "de " + objet[4..],
        _ => "de " + objet,
    };

    /// <summary>The object as what a collectivité carries out: "un projet de …" keeps the sentence grammatical for any article.</summary>
    private static string Pour(string objet) => $"un projet autour {De(objet)}";

    private static string Identifiant(Tirage t)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(11, t, (s, tirage) =>
        {
            for (var i = 0; i < s.Length; i++) s[i] = alphabet[tirage.Entier(alphabet.Length)];
        });
    }

    /// <summary>A URL path segment: lower case ASCII, accents dropped, anything else a dash.</summary>
    public static string Slug(string texte)
    {
        var s = new StringBuilder(texte.Length);
        foreach (var c in texte.ToLowerInvariant())
        {
            var ascii = c switch
            {
                'à' or 'â' or 'ä' => 'a',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'î' or 'ï' => 'i',
                'ô' or 'ö' => 'o',
                'ù' or 'û' or 'ü' => 'u',
                'ç' => 'c',
                'ÿ' => 'y',
                _ => c,
            };
            if (ascii is (>= 'a' and <= 'z') or (>= '0' and <= '9')) s.Append(ascii);
            else if (s.Length > 0 && s[^1] != '-') s.Append('-');
            if (s.Length >= 80) break;
        }
        return s.ToString().Trim('-');
    }
}
