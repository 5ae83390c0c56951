using System.Text;
using Labels.Application.Commun;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// A UTF-8 file's bytes, handed on as they are read, into the reader's own buffer, its BOM skipped. In CSV, the decoder that
/// turns them into the text Sep parses checks them as it decodes, and its fallback refuses the first invalid one, whose line
/// this stream knows from the lines it counted; JSON's are checked by their reader. Checking them beforehand as well would
/// go over every byte twice more, where counting lines is a vectorised count (see README, Benchmarks). A stream of its own,
/// where FluxCompte hands on every byte it reads and FluxVerifie holds bytes back in a buffer of its own until they are
/// checked: this one hands them on unchecked, without a copy, bar the BOM.
/// </summary>
internal sealed class FluxUtf8 : FluxEnLecture
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
            if (ReglesEncodage.EstMarqueUtf16(destination.Span[..lus])) throw _regle.Invalide(1, destination.Span[..lus], 0, debutDuFichier: true);
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
