using Labels.Domain.Candidatures;
using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>Where the checked fiches of a file go while it is read, with what each way needs before and after.</summary>
internal interface ISortieFiches
{
    bool Directe { get; }
    string Copie { get; }
    Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct);
    void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant);
    Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct);

    /// <summary>Once the dossiers are merged: what makes the fiches part of fiches_actions, if the COPY did not.</summary>
    Task TerminerAsync(NpgsqlConnection connexion, CancellationToken ct);

    /// <summary>
    /// Two fiches of one dossier with the same reference, or without reference and with the same title: written fiches, and
    /// those the rules refused (<paramref name="refusees"/>).
    /// </summary>
    Task VerifierDoublonsAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json, ErreursDuFichier erreurs,
        CancellationToken ct);

    string Fusion { get; }
}
