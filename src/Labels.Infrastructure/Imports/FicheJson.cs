namespace Labels.Infrastructure.Imports;

/// <summary>
/// A fiche of a JSON dossier, its values as the file writes them (the rules read them, ReglesImport). Items are nullable as the
/// JSON is: a null item is an error of its path (LectureDuFichier), never a missing text.
/// </summary>
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
