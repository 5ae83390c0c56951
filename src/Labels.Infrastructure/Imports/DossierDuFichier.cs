namespace Labels.Infrastructure.Imports;

/// <summary>
/// A dossier of the file as <see cref="Dossiers"/> notes it: its collectivité, its candidature, how many fiches it has, its distinction.
/// </summary>
/// <remarks>
/// The ids of the rows the merge may create are chosen here, as the entities choose theirs (UUIDv7 of the import's
/// instant): the collectivité's, used when it is new, and the distinction's, used when the dossier has none yet.
/// </remarks>
internal sealed class DossierDuFichier(string code, Guid candidatureId, bool existante, DateTimeOffset maintenant)
{
    public string Code { get; } = code;
    public Guid CandidatureId { get; } = candidatureId;
    public bool Existante { get; } = existante;
    public Guid? CollectiviteId { get; } = existante ? null : Guid.CreateVersion7(maintenant);
    public Guid DistinctionId { get; } = Guid.CreateVersion7(maintenant);
    public Origine Premiere { get; init; }
    public int Fiches { get; set; }
    public int? Arobases { get; set; }
    public string[]? Mentions { get; set; }
    public Origine OrigineDistinction { get; set; }
}
