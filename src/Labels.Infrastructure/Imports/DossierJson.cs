
namespace Labels.Infrastructure.Imports;

// Items are nullable as the JSON is: a null item is an error of its path (LectureDuFichier), never a missing object or text.
internal sealed class DossierJson
{
    public CollectiviteJson? Collectivite { get; set; }
    public DistinctionJson? Distinction { get; set; }
    public List<FicheJson?>? Fiches { get; set; }
}

internal sealed class CollectiviteJson
{
    public string? CodeInsee { get; set; }
    public string? Siren { get; set; }
}

internal sealed class DistinctionJson
{
    public int? Arobases { get; set; }
    public List<string?>? Mentions { get; set; }
}

internal sealed class FicheJson
{
    public string? Reference { get; set; }
    public string? Titre { get; set; }
    public string? Resume { get; set; }
    public string? Description { get; set; }
    public string? DateDebut { get; set; }
    public string? DateFin { get; set; }
    public bool? EnCours { get; set; }
    public List<string?>? Enjeux { get; set; }
    public List<string?>? Services { get; set; }
    public List<string?>? Liens { get; set; }
}
