using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The natural keys of the fiches the rules refused. Not written, they would escape the duplicate checks, which read the
/// written fiches; kept here with an id of <see cref="FichesDuFichier"/>, they are added to what those checks read, so that
/// a fiche with an error still has its duplicates reported (docs/import.md: every error, not only the first). Only refused
/// fiches come here: a file without errors pays nothing for it.
/// </summary>
internal sealed class FichesRefusees
{
    private readonly List<Guid> _ids = [];
    private readonly List<Guid> _candidatures = [];
    private readonly List<string?> _references = [];
    private readonly List<string?> _titres = [];

    public int Nombre => _ids.Count;

    /// <summary>Whether one of them has a reference: the references written are then not the only ones to compare.</summary>
    public bool AvecReference { get; private set; }

    /// <summary>
    /// A refused fiche of a dossier, its key as <see cref="Domain.Candidatures.FicheAction.Verifier"/> would have stored it
    /// (trimmed, a blank reference none); <paramref name="titreSansReference"/> false when its reference was unreadable, so
    /// that it is not taken for a fiche without one. Nothing is kept for a fiche that has no key to compare.
    /// </summary>
    public void Ajouter(FichesDuFichier fiches, Origine origine, Guid candidatureId, string? reference, string? titre, bool titreSansReference = true)
    {
        reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        titre = reference is null && titreSansReference && !string.IsNullOrWhiteSpace(titre) ? titre.Trim() : null;
        if (reference is null && titre is null) return;
        _ids.Add(fiches.Ajouter(origine));
        _candidatures.Add(candidatureId);
        _references.Add(reference);
        _titres.Add(titre);
        AvecReference |= reference is not null;
    }

    /// <summary>The titles of those without reference, with their dossier.</summary>
    public IEnumerable<(Guid Candidature, string Titre)> Titres()
    {
        for (var i = 0; i < _ids.Count; i++)
            if (_titres[i] is { } titre) yield return (_candidatures[i], titre);
    }

    /// <summary>The parameters of <see cref="Sql.AvecRefusees"/>.</summary>
    public void Parametrer(NpgsqlCommand commande)
    {
        commande.Parameters.AddWithValue("refusees_ids", _ids.ToArray());
        commande.Parameters.AddWithValue("refusees_candidatures", _candidatures.ToArray());
        commande.Parameters.AddWithValue("refusees_references", _references.ToArray());
        commande.Parameters.AddWithValue("refusees_titres", _titres.ToArray());
    }
}
