using System.Text.Json;
using Labels.Application.Commun;

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

    /// <summary>
    /// Why the serializer refused a value read as <paramref name="attendu"/>: a string of the file refused for what it holds
    /// (<see cref="ChaineImportee"/>), or a value of another kind. An object read as a class and a list read as a list never come
    /// here: they are opened, and their unknown and repeated properties found by name (<see cref="LectureMembreParMembre"/>).
    /// </summary>
    public static string Refus(JsonException e, Type attendu) =>
        e is ValeurJsonRefusee refus ? refus.Message : $"Valeur attendue : {ValeursAttendues.De(attendu)}.";

    /// <summary>
    /// Why the serializer refused a dossier in which the reading member by member found no error: the type of the value it stopped
    /// on is then known only from its message (<see cref="ValeursAttendues.De(JsonException)"/>). Unknown and repeated properties
    /// are not among the reasons: that reading finds every one of them.
    /// </summary>
    public static string Refus(JsonException e) =>
        e is ValeurJsonRefusee refus ? refus.Message
        : ValeursAttendues.De(e) is { } attendu ? $"Valeur attendue : {attendu}."
        : "Valeur de type inattendu.";
}
