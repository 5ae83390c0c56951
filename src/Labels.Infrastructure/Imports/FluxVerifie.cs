using Labels.Application.Commun;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The bytes of the file, handed on only once checked: whole characters, all valid. An incomplete character at the end
/// of a read waits for the next one; the file's lines are counted as the bytes go, for the message. A stream of its own, as
/// holding bytes back is what neither FluxCompte (which hands on what it reads, as it is) nor FluxUtf8 (whose bytes its decoder
/// or reader checks) does.
/// </summary>
internal sealed class FluxVerifie(Stream interne, ReglesEncodage regle) : FluxEnLecture
{
    private readonly byte[] _tampon = new byte[1 << 16];
    private int _debut, _valides, _fin;
    private bool _fini, _marqueLue, _premier; // _premier: no byte handed on yet, and no BOM skipped
    private int _lignes;

    public ReglesEncodage Regle { get; } = regle;

    /// <summary>Reads as far as the BOM, which tells UTF-16's byte order: the decoder is known from then on.</summary>
    public static async Task<FluxVerifie> OuvrirAsync(Stream interne, ReglesEncodage regle, CancellationToken ct)
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
