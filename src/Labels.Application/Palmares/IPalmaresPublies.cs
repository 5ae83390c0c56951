namespace Labels.Application.Palmares;

/// <summary>Where published releases are kept ready to serve; told when an édition gets a new version.</summary>
public interface IPalmaresPublies
{
    void Invalider(int annee);

    /// <summary>The strong ETag of a release's whole palmarès in JSON (no filter, no compression); null when there is no such release.</summary>
    Task<string?> ETagAsync(int annee, int version);
}
