namespace Labels.Infrastructure.Imports;

/// <summary>
/// The distinction of a JSON dossier, for an archived édition. Items are nullable as the JSON is: a null item is an error of
/// its path (LectureDuFichier), never a missing text.
/// </summary>
internal sealed class DistinctionJson
{
    public int? Arobases { get; set; }
    public List<string?>? Mentions { get; set; }
}
