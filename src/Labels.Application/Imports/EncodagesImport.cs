namespace Labels.Application.Imports;

/// <summary>
/// The charsets an imported file may declare in its Content-Type (docs/import.md, Encodings: UTF-8 unless another is declared). The list is
/// closed: a spreadsheet's « CSV (séparateur : point-virgule) » is windows-1252, older tools write ISO-8859-1 or -15, some
/// write UTF-16 with a BOM; anything else is more likely a mistake than a file, and is answered with this list.
/// How bytes of each become text is the Infrastructure's body reader's (<c>CorpsImport</c>).
/// </summary>
public static class EncodagesImport
{
    public const string Utf8 = "utf-8";
    public const string Utf16 = "utf-16";
    public const string Utf16Le = "utf-16le";
    public const string Utf16Be = "utf-16be";
    public const string Windows1252 = "windows-1252";
    public const string Iso88591 = "iso-8859-1";
    public const string Iso885915 = "iso-8859-15";

    /// <summary>The canonical names, as the answers and the README list them.</summary>
    public static readonly IReadOnlyList<string> Acceptes = [Utf8, Utf16, Utf16Le, Utf16Be, Windows1252, Iso88591, Iso885915];

    // The IANA aliases of those charsets that tools actually send.
    private static readonly Dictionary<string, string> Noms = new(StringComparer.OrdinalIgnoreCase)
    {
        [Utf8] = Utf8, ["utf8"] = Utf8,
        [Utf16] = Utf16, ["utf16"] = Utf16,
        [Utf16Le] = Utf16Le, [Utf16Be] = Utf16Be,
        [Windows1252] = Windows1252, ["cp1252"] = Windows1252, ["x-cp1252"] = Windows1252,
        [Iso88591] = Iso88591, ["iso_8859-1"] = Iso88591, ["iso8859-1"] = Iso88591, ["iso_8859-1:1987"] = Iso88591, ["latin1"] = Iso88591,
        ["latin-1"] = Iso88591, ["l1"] = Iso88591, ["iso-ir-100"] = Iso88591, ["cp819"] = Iso88591, ["ibm819"] = Iso88591, ["csisolatin1"] = Iso88591,
        [Iso885915] = Iso885915, ["iso_8859-15"] = Iso885915, ["iso8859-15"] = Iso885915, ["latin-9"] = Iso885915, ["latin9"] = Iso885915,
        ["csiso885915"] = Iso885915,
    };

    /// <summary>
    /// The canonical name of a declared charset (<paramref name="nom"/> null when none is declared: the file is then UTF-8);
    /// false for a charset outside the list.
    /// </summary>
    public static bool Reconnaitre(string? charset, out string? nom)
    {
        nom = null;
        if (charset is null) return true;
        return Noms.TryGetValue(charset.Trim().Trim('"'), out nom);
    }

    /// <summary>The answer to a charset outside the list (HTTP 415).</summary>
    public static string MessageInconnu(string charset) =>
        $"Encodage « {(charset.Length > 40 ? charset[..40] + "…" : charset)} » non pris en charge : déclarez charset= l'un de "
        + $"{string.Join(", ", Acceptes)}, ou aucun pour de l'UTF-8.";
}
