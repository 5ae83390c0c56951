namespace Labels.Infrastructure.Imports;

/// <summary>Where a line of the file is: its physical line (CSV), or its dossier and fiche (JSON, -1 for the dossier itself).</summary>
internal readonly record struct Origine(int? Ligne, int Dossier, int Fiche)
{
    public static Origine Csv(int ligne) => new(ligne, -1, -1);
    public static Origine Json(int dossier, int fiche = -1) => new(null, dossier, fiche);

    public string? Chemin(string suite = "") => Ligne is not null ? null
        : Fiche < 0 ? $"$.dossiers[{Dossier}]{suite}" : $"$.dossiers[{Dossier}].fiches[{Fiche}]{suite}";

    /// <summary>How an error message points at it: "ligne 12" or its JSON path.</summary>
    public string Decrire() => Ligne is { } l ? $"ligne {l}" : Chemin()!;
}
