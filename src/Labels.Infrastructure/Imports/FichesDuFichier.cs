using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The identifiers of an import's fiches, in file order: UUIDv7 (RFC 9562) whose bits after the
/// timestamp hold a counter (its "fixed-length dedicated counter" method) and a random part drawn
/// once per import. Ids of one import grow with the file (the primary key's index is filled at its
/// end, not at random places), and any of them gives back its fiche's place in the file, which is how
/// a duplicate found in SQL is reported with its line. The origins take 8 bytes per fiche.
/// </summary>
internal sealed class FichesDuFichier(DateTimeOffset instant)
{
    private readonly long _millisecondes = instant.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
    private readonly ulong _alea = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) & ((1UL << 42) - 1);
    private readonly List<long> _origines = [];

    /// <summary>The fiches given an id: those written, and those <see cref="FichesRefusees"/> keeps, of which a file written has none.</summary>
    public int Nombre => _origines.Count;

    public Guid Ajouter(Origine origine)
    {
        var rang = _origines.Count;
        _origines.Add(origine.Ligne is { } l ? l : ((long)origine.Dossier << 32) | (uint)origine.Fiche);
        Span<byte> octets = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(octets, (_millisecondes << 16) | 0x7000L | (uint)(rang >> 20));
        BinaryPrimitives.WriteUInt64BigEndian(octets[8..], 0x8000_0000_0000_0000UL | ((ulong)(rang & 0xF_FFFF) << 42) | _alea);
        return new Guid(octets, bigEndian: true);
    }

    /// <summary>Where the fiche of this id came from; null for an id this import did not make.</summary>
    public Origine? OrigineDe(Guid id, bool json)
    {
        Span<byte> octets = stackalloc byte[16];
        id.TryWriteBytes(octets, bigEndian: true, out _);
        var haut = BinaryPrimitives.ReadInt64BigEndian(octets);
        var bas = BinaryPrimitives.ReadUInt64BigEndian(octets[8..]);
        if (haut >>> 16 != _millisecondes || (bas & ((1UL << 42) - 1)) != _alea) return null;
        var rang = (int)(((haut & 0xFFF) << 20) | (long)((bas >> 42) & 0xF_FFFF));
        if (rang >= _origines.Count) return null;
        var o = _origines[rang];
        return json ? Origine.Json((int)(o >> 32), (int)o) : Origine.Csv((int)o);
    }
}
