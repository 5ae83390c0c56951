using Labels.Domain.Commun;

namespace Labels.Domain.Collectivites;

public enum TypeCollectivite { Commune, Intercommunalite }

public enum Categorie { Village, Ville, Intercommunalite }

/// <summary>
/// A local authority. It exists once, keyed by its COG code (commune) or SIREN (EPCI), and
/// its identity comes from the official référentiel, never from free text.
/// </summary>
public sealed class Collectivite
{
    /// <summary>Under this many inhabitants a commune is a village (docs/domaine.md).</summary>
    public const int SeuilVille = 3000;

    private Collectivite() { Nom = null!; }

    public Guid Id { get; private set; }
    public TypeCollectivite Type { get; private set; }
    public string? CodeInsee { get; private set; }
    public string? Siren { get; private set; }
    public string Nom { get; private set; }
    public Categorie Categorie { get; private set; }
    public string? Departement { get; private set; }
    public string? Region { get; private set; }
    public int Population { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Collectivite Commune(CommuneCog commune, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(commune);
        if (!CodesOfficiels.EstCodeInseeValide(commune.CodeInsee))
            throw new DomainException($"Code INSEE malformé : {commune.CodeInsee}.");
        var population = commune.Population ?? 0;
        return new Collectivite
        {
            Id = Guid.CreateVersion7(maintenant),
            Type = TypeCollectivite.Commune,
            CodeInsee = commune.CodeInsee,
            Siren = commune.Siren,
            Nom = commune.Nom,
            Categorie = CategorieDUneCommune(population),
            Departement = commune.Departement,
            Region = commune.Region,
            Population = population,
            CreatedAt = maintenant,
        };
    }

    public static Collectivite Intercommunalite(EpciCog epci, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(epci);
        if (!CodesOfficiels.EstSirenValide(epci.Siren))
            throw new DomainException($"SIREN invalide : {epci.Siren}.");
        return new Collectivite
        {
            Id = Guid.CreateVersion7(maintenant),
            Type = TypeCollectivite.Intercommunalite,
            Siren = epci.Siren,
            Nom = epci.Nom,
            Categorie = Categorie.Intercommunalite,
            Departement = epci.Departement,
            Region = epci.Region,
            Population = epci.Population,
            CreatedAt = maintenant,
        };
    }

    public static Categorie CategorieDUneCommune(int population) =>
        population < SeuilVille ? Categorie.Village : Categorie.Ville;

    /// <summary>The code a caller uses to name this collectivité: COG code for a commune, SIREN for an EPCI.</summary>
    public string Code => Type == TypeCollectivite.Commune ? CodeInsee! : Siren!;
}
