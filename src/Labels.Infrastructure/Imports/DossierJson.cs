namespace Labels.Infrastructure.Imports;

/// <summary>
/// A dossier of a JSON file (docs/import.md, JSON), as the serializer reads it. Items are nullable as the JSON is: a null item
/// is an error of its path (LectureDuFichier), never a missing object or text.
/// </summary>
internal sealed class DossierJson
{
    public CollectiviteJson? Collectivite { get; set; }
    public DistinctionJson? Distinction { get; set; }
    public List<FicheJson?>? Fiches { get; set; }
}
