using System.Reflection;
using Labels.Application.Cog;
using nietras.SeparatedValues;

namespace Labels.Infrastructure.Cog;

/// <summary>
/// The régions and départements of data/cog, read once from the application's embedded files and kept in memory. Unlike
/// the communes and EPCI, nothing joins them in SQL (rows carry the codes; only a portal needs the names), and 135 rows
/// that change only with the application itself need no table, no load at start-up and no query per read.
/// </summary>
internal sealed class TerritoiresCog : ITerritoires
{
    private static readonly Assembly Ressources = typeof(TerritoiresCog).Assembly;

    public IReadOnlyList<RegionDto> Regions { get; } =
        Lire("cog/regions.csv", l => new RegionDto(l["code"].ToString(), l["nom"].ToString()));

    public IReadOnlyList<DepartementDto> Departements { get; } =
        Lire("cog/departements.csv", l => new DepartementDto(l["code"].ToString(), l["nom"].ToString(), l["region"].ToString()));

    private readonly HashSet<string> _regions;
    private readonly Dictionary<string, string> _departements;

    public TerritoiresCog()
    {
        _regions = Regions.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        _departements = Departements.ToDictionary(d => d.Code, d => d.Region, StringComparer.Ordinal);
    }

    public bool ExisteRegion(string code) => _regions.Contains(code);

    public bool ExisteDepartement(string code) => _departements.ContainsKey(code);

    public string? RegionDe(string departement) => _departements.GetValueOrDefault(departement);

    private static T[] Lire<T>(string nom, SepReader.RowFunc<T> ligne)
    {
        using var flux = Ressources.GetManifestResourceStream(nom) ?? throw new InvalidOperationException($"Ressource {nom} absente.");
        using var lecteur = Sep.New(';').Reader(o => o with { Unescape = true }).From(flux);
        // The files are sorted by code (data/cog/README.md), the order the lists are served in.
        return [.. lecteur.Enumerate(ligne)];
    }
}
