using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Labels.Application.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// How the bytes of an imported file become text, decided here only. Without a declared charset the file must be UTF-8
/// (a BOM is fine); a declared one (<see cref="EncodagesImport"/>) is honoured. The bytes are checked as they stream,
/// before any decoder sees them, and the first one that is not valid in the encoding stops the import with its physical
/// line (<see cref="EncodageInvalideException"/>): a decoder left to itself would store U+FFFD in place of the letter, the
/// silent loss a spreadsheet's windows-1252 CSV read as UTF-8 used to cause. A U+FFFD in the file itself is refused too:
/// it says the file already lost characters in some earlier conversion. UTF-8, the common case, is only checked
/// (vectorised, with the count of lines), never transcoded; CSV is decoded by the StreamReader that Sep reads, JSON
/// is given UTF-8 bytes (RFC 8259), other charsets transcoded into it as it streams.
/// </summary>
internal static class CorpsImport
{
    static CorpsImport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of a CSV file, decoded from <paramref name="encodage"/> (a canonical name, null for UTF-8 by default).</summary>
    public static async Task<TextReader> TexteAsync(Stream octets, string? encodage, CancellationToken ct)
    {
        var verifie = await FluxVerifie.OuvrirAsync(octets, Regle.Pour(encodage), ct);
        // Its decoder throws rather than substitutes, should anything get past the check; the BOM is the check's to skip.
        return new StreamReader(verifie, verifie.Regle.Decodeur, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    /// <summary>The bytes of a JSON file in UTF-8, transcoded as they stream when another charset is declared.</summary>
    public static async Task<Stream> Utf8Async(Stream octets, string? encodage, CancellationToken ct)
    {
        var verifie = await FluxVerifie.OuvrirAsync(octets, Regle.Pour(encodage), ct);
        return verifie.Regle.EstUtf8 ? verifie : Encoding.CreateTranscodingStream(verifie, verifie.Regle.Decodeur, new UTF8Encoding(false));
    }

    /// <summary>
    /// The bytes of the file, handed on only once checked: whole characters, all valid. An incomplete character at the end
    /// of a read waits for the next one; the file's lines are counted as the bytes go, for the message.
    /// </summary>
    private sealed class FluxVerifie(Stream interne, Regle regle) : Stream
    {
        private readonly byte[] _tampon = new byte[1 << 16];
        private int _debut, _valides, _fin;
        private bool _fini, _marqueLue, _premier;
        private int _lignes;

        public Regle Regle { get; } = regle;

        /// <summary>Reads as far as the BOM, which tells UTF-16's byte order: the decoder is known from then on.</summary>
        public static async Task<FluxVerifie> OuvrirAsync(Stream interne, Regle regle, CancellationToken ct)
        {
            var flux = new FluxVerifie(interne, regle);
            while (!flux._marqueLue) await flux.RemplirAsync(ct);
            return flux;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            if (destination.IsEmpty) return 0;
            while (_debut == _valides)
            {
                if (_fini) return 0;
                await RemplirAsync(cancellationToken);
            }
            var n = Math.Min(destination.Length, _valides - _debut);
            _tampon.AsSpan(_debut, n).CopyTo(destination.Span);
            _debut += n;
            return n;
        }

        private async Task RemplirAsync(CancellationToken ct)
        {
            // What is left unchecked (the start of a character cut by the previous read) goes first.
            var reste = _fin - _valides;
            _tampon.AsSpan(_valides, reste).CopyTo(_tampon);
            _debut = _valides = 0;
            _fin = reste;
            var lus = await interne.ReadAsync(_tampon.AsMemory(_fin), ct);
            if (lus == 0) _fini = true;
            _fin += lus;
            if (!_marqueLue)
            {
                // A BOM is up to three bytes: decide once they are there (or the file is shorter).
                if (_fin < 3 && !_fini) return;
                _marqueLue = true;
                var marque = Regle.Marque(_tampon.AsSpan(0, _fin));
                if (marque < 0) throw Regle.Invalide(1, _tampon.AsSpan(0, _fin), 0, debutDuFichier: true);
                _debut = _valides = marque;
                _premier = true;
            }
            var octets = _tampon.AsSpan(_debut, _fin - _debut);
            var valides = Regle.Verifier(octets, _fini, out var invalide);
            if (invalide >= 0)
                throw Regle.Invalide(_lignes + Regle.Lignes(octets[..invalide]) + 1, octets, invalide, debutDuFichier: _premier && invalide == 0);
            if (valides > 0) _premier = false;
            _lignes += Regle.Lignes(octets[..valides]);
            _valides = _debut + valides;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) interne.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>What is valid in one encoding, its BOM, how its lines are counted, and how to tell the caller.</summary>
    private abstract class Regle(string? declare)
    {
        private static readonly byte[] MarqueUtf8 = [0xEF, 0xBB, 0xBF];

        // The five bytes windows-1252 leaves undefined: no text has them.
        private static readonly SearchValues<byte> IndefinisEn1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

        // C1 controls in ISO-8859-1 and -15: no text has them, whereas a windows-1252 file declared as Latin-1 does (for « € », « œ », « ’ »).
        private static readonly SearchValues<byte> ControlesC1 = SearchValues.Create(Enumerable.Range(0x80, 32).Select(b => (byte)b).ToArray());

        public static Regle Pour(string? encodage) => encodage switch
        {
            null or EncodagesImport.Utf8 => new ReglesUtf8(encodage),
            EncodagesImport.Utf16 => new ReglesUtf16(encodage, grosBoutiste: null),
            EncodagesImport.Utf16Le => new ReglesUtf16(encodage, grosBoutiste: false),
            EncodagesImport.Utf16Be => new ReglesUtf16(encodage, grosBoutiste: true),
            EncodagesImport.Windows1252 => new ReglesUnOctet(encodage, 1252, IndefinisEn1252),
            EncodagesImport.Iso88591 => new ReglesUnOctet(encodage, 28591, ControlesC1),
            EncodagesImport.Iso885915 => new ReglesUnOctet(encodage, 28605, ControlesC1),
            _ => throw new ArgumentOutOfRangeException(nameof(encodage), encodage, "Encodage non reconnu par EncodagesImport."),
        };

        protected string Nom => declare ?? EncodagesImport.Utf8;

        public virtual bool EstUtf8 => false;

        /// <summary>A decoder that throws on what it cannot decode, never substitutes; without preamble (the BOM is skipped before).</summary>
        public abstract Encoding Decodeur { get; }

        /// <summary>How many bytes of BOM to skip at the start; -1 when the start is not acceptable.</summary>
        public abstract int Marque(ReadOnlySpan<byte> debut);

        /// <returns>How many bytes from the start are whole valid characters; <paramref name="invalide"/> the first bad one, or -1.</returns>
        public abstract int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide);

        public virtual int Lignes(ReadOnlySpan<byte> octets) => octets.Count((byte)'\n');

        /// <summary>Why the byte at <paramref name="position"/> of <paramref name="octets"/> is refused.</summary>
        protected abstract string Raison(ReadOnlySpan<byte> octets, int position);

        /// <param name="debutDuFichier">The byte is the file's first (after a BOM of the encoding): a BOM of another one is said so.</param>
        public EncodageInvalideException Invalide(int ligne, ReadOnlySpan<byte> octets, int position, bool debutDuFichier)
        {
            var raison = debutDuFichier && RaisonDuDebut(octets) is { } debut ? debut : Raison(octets, position);
            var conseil = declare is null
                ? "Sans charset déclaré, un fichier importé doit être en UTF-8. Un tableur enregistre d'ordinaire un « CSV (séparateur : "
                  + "point-virgule) » en windows-1252 : déclarez l'encodage réel, par exemple Content-Type: text/csv; charset=windows-1252"
                : $"Le fichier n'est pas en {declare} comme déclaré : déclarez son encodage réel dans le Content-Type (par exemple charset=windows-1252)";
            return new EncodageInvalideException(ligne,
                $"{raison} {conseil} ; encodages acceptés : {string.Join(", ", EncodagesImport.Acceptes)}. Rien n'a été écrit.");
        }

        /// <summary>A file whose BOM says another encoding than the declared one: say that rather than name a byte.</summary>
        private string? RaisonDuDebut(ReadOnlySpan<byte> octets)
        {
            if (this is not ReglesUtf8 && octets.StartsWith(MarqueUtf8))
                return $"Le fichier commence par la marque (BOM) de l'UTF-8, il est donc en UTF-8, et non en {Nom} comme déclaré.";
            if (this is not ReglesUtf16 && EstMarqueUtf16(octets))
                return $"Le fichier commence par la marque (BOM) de l'UTF-16 : déclarez charset=utf-16 ; il n'est pas en {Nom}.";
            return null;
        }

        protected static bool EstMarqueUtf8(ReadOnlySpan<byte> debut) => debut.StartsWith(MarqueUtf8);

        protected static bool EstMarqueUtf16(ReadOnlySpan<byte> debut) =>
            debut.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || debut.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
    }

    private sealed class ReglesUtf8(string? declare) : Regle(declare)
    {
        private static readonly byte[] Remplacement = [0xEF, 0xBF, 0xBD];

        public override bool EstUtf8 => true;
        public override Encoding Decodeur { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public override int Marque(ReadOnlySpan<byte> debut) => EstMarqueUtf8(debut) ? 3 : 0;

        public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide)
        {
            var entiers = fin ? octets.Length : octets.Length - Coupe(octets);
            var part = octets[..entiers];
            // In valid UTF-8, EF BF BD is only ever U+FFFD (EF is a lead byte).
            if (Utf8.IsValid(part) && part.IndexOf(Remplacement) < 0)
            {
                invalide = -1;
                return entiers;
            }
            invalide = PremierDefaut(octets);
            return invalide;
        }

        /// <summary>The bytes of a character the read cut in two, at the end (0 when the last character is whole).</summary>
        private static int Coupe(ReadOnlySpan<byte> octets)
        {
            for (var i = 1; i <= Math.Min(3, octets.Length); i++)
            {
                var b = octets[^i];
                if ((b & 0xC0) == 0x80) continue;
                var longueur = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return longueur > i ? i : 0;
            }
            return 0;
        }

        private static int PremierDefaut(ReadOnlySpan<byte> octets)
        {
            var i = 0;
            while (i < octets.Length)
            {
                var ascii = octets[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (ascii < 0) break;
                i += ascii;
                if (System.Text.Rune.DecodeFromUtf8(octets[i..], out var rune, out var lus) != OperationStatus.Done || rune.Value == 0xFFFD) return i;
                i += lus;
            }
            return octets.Length;
        }

        protected override string Raison(ReadOnlySpan<byte> octets, int position)
        {
            if (position >= octets.Length || System.Text.Rune.DecodeFromUtf8(octets[position..], out _, out _) == OperationStatus.NeedMoreData)
                return "Le fichier finit au milieu d'un caractère UTF-8.";
            if (octets[position..].StartsWith(Remplacement))
                return "Le fichier contient le caractère de remplacement U+FFFD : il a déjà perdu des caractères lors d'une conversion "
                    + "antérieure ; repartez du fichier d'origine.";
            return $"L'octet 0x{octets[position]:X2} n'est pas de l'UTF-8 valide.";
        }
    }

    private sealed class ReglesUtf16(string? declare, bool? grosBoutiste) : Regle(declare)
    {
        private bool _grosBoutiste = grosBoutiste ?? false;
        private Encoding? _decodeur;

        // Asked for once the BOM is read (FluxVerifie.OuvrirAsync).
        public override Encoding Decodeur => _decodeur ??= new UnicodeEncoding(_grosBoutiste, byteOrderMark: false, throwOnInvalidBytes: true);

        /// <summary>utf-16 is told apart by its BOM (required); utf-16le and utf-16be may have theirs.</summary>
        public override int Marque(ReadOnlySpan<byte> debut)
        {
            var le = debut.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]);
            var be = debut.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
            if (grosBoutiste is null)
            {
                if (!le && !be) return -1;
                _grosBoutiste = be;
                return 2;
            }
            return (grosBoutiste.Value ? be : le) ? 2 : 0;
        }

        private int Unite(ReadOnlySpan<byte> octets, int i) => _grosBoutiste ? octets[i] << 8 | octets[i + 1] : octets[i + 1] << 8 | octets[i];

        public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide)
        {
            var pairs = octets.Length & ~1;
            var i = 0;
            for (; i < pairs; i += 2)
            {
                var u = Unite(octets, i);
                if (u == 0xFFFD || char.IsLowSurrogate((char)u)) break;
                if (!char.IsHighSurrogate((char)u)) continue;
                if (i + 2 >= pairs)
                {
                    if (fin) break;
                    invalide = -1;
                    return i; // its pair comes with the next read
                }
                if (!char.IsLowSurrogate((char)Unite(octets, i + 2))) break;
                i += 2;
            }
            if (i < pairs || (fin && pairs < octets.Length))
            {
                invalide = i;
                return i;
            }
            invalide = -1;
            return pairs;
        }

        public override int Lignes(ReadOnlySpan<byte> octets)
        {
            var n = 0;
            for (var i = 0; i + 1 < octets.Length; i += 2)
                if (Unite(octets, i) == '\n') n++;
            return n;
        }

        protected override string Raison(ReadOnlySpan<byte> octets, int position)
        {
            if (grosBoutiste is null && position == 0 && !EstMarqueUtf16(octets))
                return "Un fichier déclaré utf-16 commence par sa marque (BOM) FF FE ou FE FF ; sans elle, déclarez utf-16le ou utf-16be.";
            if (position + 1 >= octets.Length) return "Le fichier finit au milieu d'un caractère UTF-16.";
            var u = Unite(octets, position);
            return u == 0xFFFD
                ? "Le fichier contient le caractère de remplacement U+FFFD : il a déjà perdu des caractères lors d'une conversion antérieure ; "
                  + "repartez du fichier d'origine."
                : $"La suite 0x{u:X4} n'est pas de l'UTF-16 valide (demi-caractère isolé).";
        }
    }

    private sealed class ReglesUnOctet(string declare, int pageDeCode, SearchValues<byte> interdits) : Regle(declare)
    {
        public override Encoding Decodeur { get; } = Encoding.GetEncoding(pageDeCode, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

        // A BOM is not windows-1252 or Latin-1 text: it says the file is in another encoding than declared.
        public override int Marque(ReadOnlySpan<byte> debut) => EstMarqueUtf8(debut) || EstMarqueUtf16(debut) ? -1 : 0;

        public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide)
        {
            invalide = octets.IndexOfAny(interdits);
            return invalide < 0 ? octets.Length : invalide;
        }

        protected override string Raison(ReadOnlySpan<byte> octets, int position) =>
            pageDeCode == 1252
                ? $"L'octet 0x{octets[position]:X2} n'a pas de sens en windows-1252."
                : $"L'octet 0x{octets[position]:X2} est un caractère de contrôle en {Nom}, qu'aucun texte ne contient : "
                  + "le fichier est sans doute en windows-1252 (où il est par exemple « € » ou « œ »).";
    }
}

/// <summary>A byte that is not valid in the file's encoding (declared, or UTF-8 by default): the import is refused, 422.</summary>
internal sealed class EncodageInvalideException(int ligne, string message) : Exception(message)
{
    /// <summary>Physical line of the file, header = 1.</summary>
    public int Ligne { get; } = ligne;
}
