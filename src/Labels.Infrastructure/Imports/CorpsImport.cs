using System.Buffers;
using System.Text;
using Labels.Application.Commun;
using Labels.Application.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// How the bytes of an imported file become text, decided here only. Without a declared charset the file must be UTF-8
/// (a BOM is fine); a declared one (<see cref="EncodagesImport"/>) is honoured. The first byte that is not valid in the
/// encoding stops the import with its physical line (<see cref="EncodageInvalideException"/>): a decoder left to itself
/// would store U+FFFD in place of the letter, the silent loss a spreadsheet's windows-1252 CSV read as UTF-8 used to cause.
/// UTF-8, the common case, is never checked apart from its decoding: in CSV the decoder that makes the text Sep parses
/// refuses what is invalid (<see cref="FluxUtf8"/>), and JSON goes as UTF-8 bytes (RFC 8259) to System.Text.Json, which
/// refuses it where it makes text of a value (LecteurJson names the line). Other charsets are checked byte by byte as they
/// stream (<see cref="FluxVerifie"/>), then decoded for Sep, or transcoded into UTF-8 for JSON. A U+FFFD in the file itself,
/// which says it already lost characters in some earlier conversion, is refused where the text is read: on its CSV line
/// (LectureDuFichier), in its JSON value (LecteurJson).
/// </summary>
internal static class CorpsImport
{
    static CorpsImport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Smaller than Sep's buffer, so that the reader decodes straight into it.
    private const int TailleDuLecteur = 4096;

    /// <summary>The text of a CSV file, decoded from <paramref name="encodage"/> (a canonical name, null for UTF-8 by default).</summary>
    public static async Task<TextReader> TexteAsync(Stream octets, string? encodage, CancellationToken ct)
    {
        var regle = Regle.Pour(encodage);
        if (regle is ReglesUtf8 utf8)
        {
            var flux = new FluxUtf8(octets, utf8, compterLesLignes: true);
            return new StreamReader(flux, flux.Decodeur, detectEncodingFromByteOrderMarks: false, bufferSize: TailleDuLecteur);
        }
        var verifie = await FluxVerifie.OuvrirAsync(octets, regle, ct);
        // Its decoder throws rather than substitutes, should anything get past the check; the BOM is the check's to skip.
        return new StreamReader(verifie, verifie.Regle.Decodeur, detectEncodingFromByteOrderMarks: false, bufferSize: TailleDuLecteur);
    }

    /// <summary>
    /// The bytes of a JSON file in UTF-8, transcoded as they stream when another charset is declared. UTF-8 ones are handed on
    /// as they are (BOM skipped): System.Text.Json throws on an invalid sequence where it turns a value into text, never
    /// substitutes, and the JSON reader then names its line (<see cref="Utf8Invalide"/>).
    /// </summary>
    public static async Task<Stream> Utf8Async(Stream octets, string? encodage, CancellationToken ct)
    {
        var regle = Regle.Pour(encodage);
        if (regle is ReglesUtf8 utf8) return new FluxUtf8(octets, utf8, compterLesLignes: false);
        var verifie = await FluxVerifie.OuvrirAsync(octets, regle, ct);
        return Encoding.CreateTranscodingStream(verifie, verifie.Regle.Decodeur, new UTF8Encoding(false));
    }

    /// <summary>
    /// Where the UTF-8 of <paramref name="octets"/> is invalid (an incomplete character at their end is not: it may go on
    /// further in the file); -1 when it is not.
    /// </summary>
    public static int PremierOctetInvalide(ReadOnlySpan<byte> octets) => ReglesUtf8.PremierDefaut(octets, finDuFichier: false);

    /// <summary>The refusal of a UTF-8 JSON file (declared so, or not declared) at the invalid byte <paramref name="position"/> of <paramref name="octets"/>.</summary>
    public static EncodageInvalideException Utf8Invalide(string? encodage, int ligne, ReadOnlySpan<byte> octets, int position) =>
        Regle.Pour(encodage).Invalide(ligne, octets, position, debutDuFichier: false);

    /// <summary>
    /// A UTF-8 file's bytes, handed on as they are read, into the reader's own buffer, its BOM skipped. In CSV, the decoder that
    /// turns them into the text Sep parses checks them as it decodes, and its fallback refuses the first invalid one, whose line
    /// this stream knows from the lines it counted; JSON's are checked by their reader. Checking them beforehand as well would
    /// go over every byte twice more, where counting lines is a vectorised count (see README, Benchmarks).
    /// </summary>
    private sealed class FluxUtf8 : FluxEnLecture
    {
        private static readonly byte[] Marque = [0xEF, 0xBB, 0xBF];

        private readonly Stream _interne;
        private readonly ReglesUtf8 _regle;
        private readonly bool _compterLesLignes;
        private Memory<byte> _dernier;
        private int _lignesAvant, _lignes;
        private bool _premier = true, _debutDuFichier, _fini;

        public FluxUtf8(Stream interne, ReglesUtf8 regle, bool compterLesLignes)
        {
            _interne = interne;
            _regle = regle;
            _compterLesLignes = compterLesLignes;
            var decodeur = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
            decodeur.DecoderFallback = new Refus(this);
            Decodeur = decodeur;
        }

        public Encoding Decodeur { get; }

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            if (destination.IsEmpty) return 0;
            var lus = await _interne.ReadAsync(destination, cancellationToken);
            _debutDuFichier = _premier;
            if (_premier)
            {
                // A BOM is up to three bytes: decide once they are there (or the file is shorter).
                while (lus is > 0 and < 3 && lus < destination.Length && await _interne.ReadAsync(destination[lus..], cancellationToken) is var plus and > 0)
                    lus += plus;
                _premier = false;
                // UTF-16's BOM is no UTF-8: say what the file is, rather than name its first byte.
                if (EstMarqueUtf16(destination.Span[..lus])) throw _regle.Invalide(1, destination.Span[..lus], 0, debutDuFichier: true);
                if (destination.Span[..lus].StartsWith(Marque))
                {
                    // What follows the BOM is not the file's start: no BOM of another encoding is looked for there.
                    _debutDuFichier = false;
                    destination.Span[3..lus].CopyTo(destination.Span);
                    lus -= 3;
                    // Nothing after the BOM yet: 0 would say the file ends.
                    if (lus == 0) return await ReadAsync(destination, cancellationToken);
                }
            }
            if (lus == 0) _fini = true;
            // The reader decodes each read whole before the next one: a bad byte is in this one, or began at the end of the last.
            _dernier = destination[..lus];
            _lignesAvant = _lignes;
            if (_compterLesLignes) _lignes += _dernier.Span.Count((byte)'\n');
            return lus;
        }

        /// <param name="index">Where in the last read the decoder met the bad bytes; negative when they began in the one before.</param>
        private EncodageInvalideException Invalide(byte[] inconnus, int index)
        {
            if (index < 0)
                return _regle.Invalide(_lignesAvant + 1, _fini ? "Le fichier finit au milieu d'un caractère UTF-8."
                    : $"L'octet 0x{inconnus[0]:X2} n'est pas de l'UTF-8 valide.");
            var octets = _dernier.Span;
            return _regle.Invalide(_lignesAvant + octets[..index].Count((byte)'\n') + 1, octets, index, _debutDuFichier && index == 0);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _interne.Dispose();
            base.Dispose(disposing);
        }

        private sealed class Refus(FluxUtf8 flux) : DecoderFallback
        {
            public override int MaxCharCount => 0;
            public override DecoderFallbackBuffer CreateFallbackBuffer() => new Tampon(flux);

            private sealed class Tampon(FluxUtf8 flux) : DecoderFallbackBuffer
            {
                public override int Remaining => 0;
                public override bool Fallback(byte[] bytesUnknown, int index) => throw flux.Invalide(bytesUnknown, index);
                public override char GetNextChar() => '\0';
                public override bool MovePrevious() => false;
            }
        }
    }

    /// <summary>
    /// The bytes of the file, handed on only once checked: whole characters, all valid. An incomplete character at the end
    /// of a read waits for the next one; the file's lines are counted as the bytes go, for the message.
    /// </summary>
    private sealed class FluxVerifie(Stream interne, Regle regle) : FluxEnLecture
    {
        private readonly byte[] _tampon = new byte[1 << 16];
        private int _debut, _valides, _fin;
        private bool _fini, _marqueLue, _premier; // _premier: no byte handed on yet, and no BOM skipped
        private int _lignes;

        public Regle Regle { get; } = regle;

        /// <summary>Reads as far as the BOM, which tells UTF-16's byte order: the decoder is known from then on.</summary>
        public static async Task<FluxVerifie> OuvrirAsync(Stream interne, Regle regle, CancellationToken ct)
        {
            var flux = new FluxVerifie(interne, regle);
            while (!flux._marqueLue) await flux.RemplirAsync(ct);
            return flux;
        }

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
                // After a BOM, the bytes are no longer the file's start, which is what the reasons of the start speak of
                // (a BOM of another encoding, or none where utf-16 needs one).
                _premier = marque == 0;
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
        public EncodageInvalideException Invalide(int ligne, ReadOnlySpan<byte> octets, int position, bool debutDuFichier) =>
            Invalide(ligne, debutDuFichier && RaisonDuDebut(octets) is { } debut ? debut : Raison(octets, position));

        public EncodageInvalideException Invalide(int ligne, string raison)
        {
            var conseil = declare is null
                ? "Sans charset déclaré, un fichier importé doit être en UTF-8. Un tableur enregistre d'ordinaire un « CSV (séparateur : "
                  + "point-virgule) » en windows-1252 : déclarez l'encodage réel, par exemple Content-Type: text/csv; charset=windows-1252"
                : $"Le fichier n'est pas en {declare} comme déclaré : déclarez son encodage réel dans le Content-Type (par exemple charset=windows-1252)";
            return new EncodageInvalideException(ligne,
                $"{raison} {conseil} ; encodages acceptés : {string.Join(", ", EncodagesImport.Acceptes)}. Rien n'a été écrit.");
        }

        /// <summary>A file whose BOM says another encoding than the declared one: say that rather than name a byte.</summary>
        protected virtual string? RaisonDuDebut(ReadOnlySpan<byte> octets)
        {
            if (this is not ReglesUtf8 && EstMarqueUtf8(octets))
                return $"Le fichier commence par la marque (BOM) de l'UTF-8, il est donc en UTF-8, et non en {Nom} comme déclaré.";
            if (this is not ReglesUtf16 && EstMarqueUtf16(octets))
                return $"Le fichier commence par la marque (BOM) de l'UTF-16 : déclarez charset=utf-16 ; il n'est pas en {Nom}.";
            return null;
        }

    }

    private static bool EstMarqueUtf8(ReadOnlySpan<byte> debut) => debut.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    private static bool EstMarqueUtf16(ReadOnlySpan<byte> debut) =>
        debut.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || debut.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>UTF-8's messages and BOM: its bytes are checked by the CSV's decoder or the JSON's reader (see <see cref="FluxUtf8"/>).</summary>
    private sealed class ReglesUtf8(string? declare) : Regle(declare)
    {
        public override Encoding Decodeur => throw new NotSupportedException("L'UTF-8 est décodé par FluxUtf8.");

        public override int Marque(ReadOnlySpan<byte> debut) => EstMarqueUtf8(debut) ? 3 : 0;

        public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide) =>
            throw new NotSupportedException("L'UTF-8 est vérifié par son décodeur (CSV) ou son lecteur (JSON).");

        /// <summary>The first byte of <paramref name="octets"/> that starts no valid character; -1 if none (an incomplete one at their end counts only at the file's end).</summary>
        public static int PremierDefaut(ReadOnlySpan<byte> octets, bool finDuFichier)
        {
            var i = 0;
            while (i < octets.Length)
            {
                var ascii = octets[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (ascii < 0) return -1;
                i += ascii;
                switch (System.Text.Rune.DecodeFromUtf8(octets[i..], out _, out var lus))
                {
                    case OperationStatus.Done:
                        i += lus;
                        break;
                    case OperationStatus.NeedMoreData when !finDuFichier:
                        return -1;
                    default:
                        return i;
                }
            }
            return -1;
        }

        protected override string Raison(ReadOnlySpan<byte> octets, int position) =>
            position >= octets.Length || System.Text.Rune.DecodeFromUtf8(octets[position..], out _, out _) == OperationStatus.NeedMoreData
                ? "Le fichier finit au milieu d'un caractère UTF-8."
                : $"L'octet 0x{octets[position]:X2} n'est pas de l'UTF-8 valide.";
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
                if (char.IsLowSurrogate((char)u)) break;
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

        /// <summary>Only at the file's start: a position 0 further on is that of a read, and a file cut short is no file without BOM.</summary>
        protected override string? RaisonDuDebut(ReadOnlySpan<byte> octets) => base.RaisonDuDebut(octets)
            ?? (grosBoutiste is null && !EstMarqueUtf16(octets)
                ? "Un fichier déclaré utf-16 commence par sa marque (BOM) FF FE ou FE FF ; sans elle, déclarez utf-16le ou utf-16be."
                : null);

        protected override string Raison(ReadOnlySpan<byte> octets, int position)
        {
            // Verifier refuses these only at the end of the file: an odd byte, or the first half of a pair, is all that is left.
            if (position + 1 >= octets.Length || position + 3 >= octets.Length && char.IsHighSurrogate((char)Unite(octets, position)))
                return "Le fichier finit au milieu d'un caractère UTF-16.";
            return $"La suite 0x{Unite(octets, position):X4} n'est pas de l'UTF-16 valide (demi-caractère isolé).";
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
