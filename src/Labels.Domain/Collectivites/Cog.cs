namespace Labels.Domain.Collectivites;

/// <summary>A current commune of the Code officiel géographique (read-only reference data).</summary>
public sealed class CommuneCog
{
    private CommuneCog() { CodeInsee = Nom = Departement = Region = null!; }

    public CommuneCog(string codeInsee, string nom, string departement, string region, int? population, string? siren)
    {
        CodeInsee = codeInsee; Nom = nom; Departement = departement; Region = region; Population = population; Siren = siren;
    }

    public string CodeInsee { get; private set; }
    public string Nom { get; private set; }
    public string Departement { get; private set; }
    public string Region { get; private set; }
    public int? Population { get; private set; }
    public string? Siren { get; private set; }
}

/// <summary>
/// An EPCI of the COG with its member communes. Département and région are those of most of
/// its communes: an EPCI straddling a boundary is listed where most of its members are.
/// </summary>
public sealed class EpciCog
{
    private EpciCog() { Siren = Nom = null!; Communes = []; }

    public EpciCog(string siren, string nom, int population, string? departement, string? region, string[] communes)
    {
        Siren = siren; Nom = nom; Population = population; Departement = departement; Region = region; Communes = communes;
    }

    public string Siren { get; private set; }
    public string Nom { get; private set; }
    public int Population { get; private set; }
    public string? Departement { get; private set; }
    public string? Region { get; private set; }
    public string[] Communes { get; private set; }
}
