namespace Labels.Infrastructure.Imports;

/// <summary>The collectivité of a JSON dossier: its COG code or its SIREN.</summary>
internal sealed class CollectiviteJson
{
    public string? CodeInsee { get; set; }
    public string? Siren { get; set; }
}
