using System.Text.Json;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The words of a JSON value's refusal, shared by the file's reader (<see cref="LecteurJson"/>) and the reading of a refused
/// dossier member by member (<see cref="LectureMembreParMembre"/>): both report the same refusals, in the same words.
/// </summary>
internal static class MessagesJson
{
    public const string DemiCaractere = "Un échappement \\u y écrit la moitié d'une paire de substitution UTF-16 (\\uD800 à \\uDFFF) sans "
        + "l'autre : ce n'est pas un caractère.";

    public const string ProprieteInconnue = "Propriété inconnue.";
    public const string ProprieteEnDouble = "Propriété en double.";

    /// <summary>What the serializer refused, in the caller's words (its messages are English and name our types).</summary>
    public static string Refus(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? ProprieteInconnue
        : e.Message.Contains("NUL", StringComparison.Ordinal) ? "Le caractère NUL n'est pas permis."
        : e.Message.Contains("U+FFFD", StringComparison.Ordinal) ? ChaineImportee.Remplacement
        : e.InnerException is InvalidOperationException { Message: var m } && m.Contains("UTF-16", StringComparison.Ordinal) ? DemiCaractere
        : Application.Commun.ValeursAttendues.De(e) is { } attendu ? $"Valeur attendue : {attendu}."
        : e.Message.Contains("uplicate", StringComparison.Ordinal) ? ProprieteEnDouble
        : "Valeur de type inattendu.";
}
