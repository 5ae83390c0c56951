using System.Linq.Expressions;
using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Palmares;

/// <summary>One laureate as the release froze it: identity, distinction, title.</summary>
public sealed class Laureat
{
    private Laureat() { Nom = null!; Mentions = []; }

    public Guid Id { get; private set; }
    public Guid PalmaresId { get; private set; }
    public Guid CollectiviteId { get; private set; }
    public string? CodeInsee { get; private set; }
    public string? Siren { get; private set; }
    public string Nom { get; private set; }
    public TypeCollectivite Type { get; private set; }
    public Categorie Categorie { get; private set; }
    public string? Departement { get; private set; }
    public string? Region { get; private set; }
    public int Population { get; private set; }
    public int Arobases { get; private set; }
    public string[] Mentions { get; private set; }
    public int? TenAttribueEn { get; private set; }
    public int? TenValableJusquEn { get; private set; }

    public TitreTen? Ten => TenAttribueEn is { } a && TenValableJusquEn is { } v ? new TitreTen(a, v) : null;

    /// <summary>The laureates whose title is valid in <paramref name="annee"/>, as a query provider translates it (<see cref="TitreTen.Validite"/>).</summary>
    public static Expression<Func<Laureat, bool>> TenValableEn(int annee)
    {
        var laureat = Expression.Parameter(typeof(Laureat), "l");
        var regle = TitreTen.Validite;
        var corps = new Substitution(new Dictionary<ParameterExpression, Expression>
        {
            [regle.Parameters[0]] = Expression.Property(laureat, nameof(TenAttribueEn)),
            [regle.Parameters[1]] = Expression.Property(laureat, nameof(TenValableJusquEn)),
            // A captured value rather than a constant: the query provider sends it as a parameter, one plan for every year.
            [regle.Parameters[2]] = ((Expression<Func<int>>)(() => annee)).Body,
        }).Visit(regle.Body);
        return Expression.Lambda<Func<Laureat, bool>>(corps, laureat);
    }

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> valeurs) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => valeurs.GetValueOrDefault(node) ?? node;
    }

    public static Laureat Figer(Collectivite c, int arobases, IReadOnlyCollection<string> mentions, TitreTen? ten) => new()
    {
        Id = Guid.CreateVersion7(),
        CollectiviteId = c.Id,
        CodeInsee = c.CodeInsee,
        Siren = c.Siren,
        Nom = c.Nom,
        Type = c.Type,
        Categorie = c.Categorie,
        Departement = c.Departement,
        Region = c.Region,
        Population = c.Population,
        Arobases = arobases,
        Mentions = mentions.ToArray(),
        TenAttribueEn = ten?.AttribueEn,
        TenValableJusquEn = ten?.ValableJusquEn,
    };

    internal void Rattacher(Guid palmaresId) => PalmaresId = palmaresId;

    /// <summary>What a change log compares between two versions.</summary>
    public (int Arobases, string Mentions, TitreTen? Ten) Resultat => (Arobases, string.Join('|', Mentions), Ten);
}

/// <summary>A change of one laureate between two versions of a palmarès.</summary>
public sealed record ChangementPalmares(Guid CollectiviteId, string Nom, ResultatPalmares? Avant, ResultatPalmares? Apres);

public sealed record ResultatPalmares(int Arobases, string[] Mentions, TitreTen? Ten);

/// <summary>
/// Rule 7: a published palmarès is an immutable, versioned release. A correction is a new version
/// with a change log; earlier versions stay readable.
/// </summary>
public sealed class VersionPalmares
{
    public const string Licence = "Licence Ouverte 2.0";

    private readonly List<Laureat> _laureats = [];

    private VersionPalmares() { Changements = []; }

    public Guid Id { get; private set; }
    public int EditionAnnee { get; private set; }
    public int Version { get; private set; }

    /// <summary>The number of an édition's first release; the next ones are its corrections.</summary>
    public const int Premiere = 1;

    /// <summary>The édition's first release, not a correction.</summary>
    public bool EstPremiere => Version == Premiere;
    /// <summary>When the results become public; a future instant is an embargo.</summary>
    public DateTimeOffset PublieLe { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<Laureat> Laureats => _laureats;
    public IReadOnlyList<ChangementPalmares> Changements { get; private set; }

    /// <param name="precedent">The latest version of this édition's palmarès, or null for a first publication.</param>
    /// <param name="publieLe">When the first version becomes public (default: now); a correction takes no date of its own.</param>
    /// <param name="anterieuresVisiblesLe">
    /// The instant from which the results of every earlier édition are public (the latest of their publication instants),
    /// or null when there is none.
    /// </param>
    public static VersionPalmares Publier(Edition edition, IReadOnlyList<Laureat> laureats, VersionPalmares? precedent, DateTimeOffset? publieLe,
        DateTimeOffset? anterieuresVisiblesLe, DateTimeOffset maintenant)
    {
        // A correction is public as soon as the palmarès is (never a new embargo over a visible palmarès).
        if (precedent is not null && publieLe is not null)
            throw new DomainException("La date de publication se fixe à la première publication ; une correction paraît dès que le palmarès est public.");
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(laureats);
        if (edition.Statut != StatutEdition.Publiee)
            throw new InvalidOperationException("L'édition doit être marquée publiée avant de figer son palmarès.");
        if (laureats.GroupBy(l => l.CollectiviteId).Any(g => g.Count() > 1))
            throw new DomainException("Une collectivité figure deux fois au palmarès.");
        var changements = precedent is null ? [] : Comparer(precedent.Laureats, laureats);
        if (precedent is not null && changements.Count == 0)
            throw new DomainException($"Rien n'a changé depuis la version {precedent.Version} du palmarès {edition.Annee}.");
        var instant = InstantDePublication(precedent, publieLe, maintenant);
        // Rule 7: results become visible in the order of the éditions. A later édition's release would otherwise reveal an
        // earlier one still under embargo (its key figures compare with it, its TEN are computed from it). Refused rather
        // than deferred: the instant the staff announced stays the instant the results appear.
        if (precedent is null && anterieuresVisiblesLe is { } anterieures && instant < anterieures)
            throw new DomainException($"Les résultats d'une édition antérieure ne sont publics qu'à partir du {anterieures.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} : "
                + $"le palmarès {edition.Annee} ne peut pas paraître avant (publieLe postérieur ou égal).");
        var palmares = new VersionPalmares
        {
            Id = Guid.CreateVersion7(maintenant),
            EditionAnnee = edition.Annee,
            Version = precedent is null ? Premiere : precedent.Version + 1,
            // To the microsecond, as PostgreSQL keeps it: the answer of the publication and every later read give the same instant.
            PublieLe = instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond)),
            CreatedAt = maintenant,
            Changements = changements,
        };
        foreach (var l in laureats.OrderBy(l => l.Nom, StringComparer.Ordinal).ThenBy(l => l.CollectiviteId))
        {
            l.Rattacher(palmares.Id);
            palmares._laureats.Add(l);
        }
        return palmares;
    }

    /// <summary>
    /// When a new release becomes public: the first at <paramref name="publieLe"/> (default: now); a correction as soon as
    /// the palmarès is public, never putting a visible palmarès back under embargo.
    /// </summary>
    public static DateTimeOffset InstantDePublication(VersionPalmares? precedent, DateTimeOffset? publieLe, DateTimeOffset maintenant) =>
        precedent is null ? publieLe ?? maintenant : (precedent.PublieLe > maintenant ? precedent.PublieLe : maintenant);

    private static List<ChangementPalmares> Comparer(IReadOnlyList<Laureat> avant, IReadOnlyList<Laureat> apres)
    {
        static ResultatPalmares R(Laureat l) => new(l.Arobases, l.Mentions, l.Ten);
        var anciens = avant.ToDictionary(l => l.CollectiviteId);
        var nouveaux = apres.ToDictionary(l => l.CollectiviteId);
        var changements = new List<ChangementPalmares>();
        foreach (var l in apres.Where(l => !anciens.TryGetValue(l.CollectiviteId, out var a) || a.Resultat != l.Resultat))
            changements.Add(new(l.CollectiviteId, l.Nom, anciens.TryGetValue(l.CollectiviteId, out var a) ? R(a) : null, R(l)));
        foreach (var a in avant.Where(a => !nouveaux.ContainsKey(a.CollectiviteId)))
            changements.Add(new(a.CollectiviteId, a.Nom, R(a), null));
        return changements.OrderBy(c => c.Nom, StringComparer.Ordinal).ToList();
    }
}
