
namespace Labels.Infrastructure.Imports;

/// <summary>
/// A dossier of the file: its value, read member by member when the serializer refused it (then with what could be read), or
/// null when it is not an object; and the errors of its reading, each with its path (<c>$.dossiers[3].fiches[0].enCours</c>).
/// </summary>
internal sealed record DossierLu(int Index, string Chemin, DossierJson? Dossier, IReadOnlyList<(string Chemin, string Message)> Erreurs);
