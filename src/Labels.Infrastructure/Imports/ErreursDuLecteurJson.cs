using System.Text.Json;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// What System.Text.Json's reader met where it stopped, when nothing but its message says it. Its <see cref="JsonException"/>
/// carries a line, a position and an English message; the reason itself is internal to System.Text.Json, and the position cannot
/// stand in for it: a string, a number or a separator cut by the end of the file stops the reader at the end of the data, as an
/// object left open or a literal cut short does, and only the former does it call reaching the end of data. So that message is
/// read here, and nowhere else.
/// </summary>
internal static class ErreursDuLecteurJson
{
    /// <summary>
    /// The data ended in the middle of a value (« Expected end of string, but instead reached end of data. »). The reader says
    /// « end of data » of one more case, a second value after the first, which LecteurJson tells apart before asking.
    /// </summary>
    public static bool FinDesDonnees(JsonException e) => e.Message.Contains("end of data", StringComparison.Ordinal);
}
