namespace Labels.Infrastructure.Imports;

/// <summary>
/// The text Sep reads, its first line kept aside as it goes by: when Sep refuses the header, or the file is JSON sent as CSV, the
/// message says what the file holds rather than what Sep found.
/// </summary>
internal sealed class DebutDuTexte(TextReader texte) : TextReader
{
    private const int Limite = 4096;
    private readonly System.Text.StringBuilder _debut = new();

    private int Garder(ReadOnlySpan<char> lus)
    {
        if (_debut.Length < Limite) _debut.Append(lus[..Math.Min(lus.Length, Limite - _debut.Length)]);
        return lus.Length;
    }

    public override int Read(Span<char> buffer) => Garder(buffer[..texte.Read(buffer)]);

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var lus = await texte.ReadAsync(buffer, cancellationToken);
        return Garder(buffer.Span[..lus]);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Peek() => texte.Peek();

    public override int Read()
    {
        var c = texte.Read();
        if (c >= 0) Garder([(char)c]);
        return c;
    }

    /// <summary>The refusal of a JSON file sent as CSV, or null.</summary>
    public string? Json() => _debut.ToString().TrimStart().FirstOrDefault() is var c && c is '{' or '['
        ? $"Le fichier, envoyé comme CSV (Content-Type: text/csv), commence par « {c} » : c'est du JSON. Envoyez-le avec "
          + "Content-Type: application/json, ou envoyez un CSV dont la première ligne nomme les colonnes."
        : null;

    /// <summary>A column the first line names twice, with whichever separator shows one.</summary>
    public string? ColonneEnDouble()
    {
        var ligne = _debut.ToString().Split('\n')[0].TrimEnd('\r');
        foreach (var separateur in new[] { ';', ',', '\t', '|' })
            if (ligne.Split(separateur).Select(n => n.Trim().Trim('"')).GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .FirstOrDefault(g => g.Count() > 1 && g.Key.Length > 0) is { } double_)
                return double_.Key;
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) texte.Dispose();
        base.Dispose(disposing);
    }
}
