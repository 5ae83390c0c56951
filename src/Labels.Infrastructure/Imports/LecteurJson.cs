using System.Buffers;
using System.Text.Json;
using Labels.Application.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// Reads <c>{ "dossiers": [ … ] }</c> from a stream one dossier at a time: a dossier's bytes are
/// located with <see cref="Utf8JsonReader"/> over a sliding buffer, then deserialised alone, so
/// memory holds one dossier, never the file. The stream is UTF-8 (CorpsImport); System.Text.Json
/// refuses an invalid sequence where it makes text of it, and this reader, which counts the lines it
/// slides past, names the line of the first invalid byte.
/// </summary>
/// <param name="encodage">The charset the file declared, for the message of an invalid byte.</param>
internal sealed class LecteurJson(Stream flux, string? encodage)
{
    private const string PasUnObjet = "Le fichier, envoyé comme JSON (Content-Type: application/json), n'est pas un objet "
        + "{ \"dossiers\": [ … ] } : s'il est en CSV, envoyez-le avec Content-Type: text/csv.";

    private const string Tronque = "JSON tronqué : la fin du fichier arrive avant la fin de l'objet racine.";

    private const int TailleInitiale = 1 << 16;
    private const int TailleMaxDossier = 64 << 20;

    /// <summary>
    /// How deep objects and lists may nest in the file; the format itself nests six (the root, its dossiers, a dossier, its
    /// fiches, a fiche, its lists).
    /// </summary>
    public const int ProfondeurMax = 32;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Converters = { new ChaineImportee() },
    };

    private byte[] _tampon = ArrayPool<byte>.Shared.Rent(TailleInitiale);
    private int _debut, _fin;
    private int _lignes; // before _debut
    private bool _fini;
    private JsonReaderState _etat = new(new JsonReaderOptions { MaxDepth = ProfondeurMax });
    private Phase _phase;
    private int _index;
    private bool _dossiersVus, _termine;

    /// <summary>The next batch of dossiers; empty at the end.</summary>
    public async Task<List<DossierLu>> LireAsync(CancellationToken ct)
    {
        var lot = new List<DossierLu>();
        while (lot.Count == 0 && !_termine)
        {
            if (!_fini && _debut == _fin || !Avancer(lot))
            {
                if (_fini)
                {
                    if (_phase != Phase.ApresLaRacine) throw new FichierIllisibleException(Tronque);
                    // Read to its end: nothing but blanks after the root object.
                    _termine = true;
                    break;
                }
                await RemplirAsync(ct);
            }
        }
        return lot;
    }

    public void Liberer() => ArrayPool<byte>.Shared.Return(_tampon);

    /// <summary>Whether the reader's error is on the invalid byte's line or after it, so that the byte is what stopped it.</summary>
    private bool EstAvant(ReadOnlySpan<byte> donnees, int invalide, JsonException e) =>
        _lignes + donnees[..invalide].Count((byte)'\n') <= e.LineNumber;

    private async Task RemplirAsync(CancellationToken ct)
    {
        if (_debut > 0)
        {
            Buffer.BlockCopy(_tampon, _debut, _tampon, 0, _fin - _debut);
            _fin -= _debut;
            _debut = 0;
        }
        if (_fin == _tampon.Length)
        {
            if (_tampon.Length >= TailleMaxDossier)
                throw new FichierIllisibleException($"Un dossier dépasse {TailleMaxDossier >> 20} Mo de JSON.");
            var plus = ArrayPool<byte>.Shared.Rent(_tampon.Length * 2);
            Buffer.BlockCopy(_tampon, 0, plus, 0, _fin);
            ArrayPool<byte>.Shared.Return(_tampon);
            _tampon = plus;
        }
        // Filled up, not by one read: a request body comes in pieces of a few kB, and a dossier not yet whole is scanned
        // again from its start at each try.
        while (_fin < _tampon.Length)
        {
            var lus = await flux.ReadAsync(_tampon.AsMemory(_fin), ct);
            if (lus == 0)
            {
                _fini = true;
                break;
            }
            _fin += lus;
        }
    }

    /// <returns>false when more bytes are needed to go on.</returns>
    private bool Avancer(List<DossierLu> lot)
    {
        var donnees = _tampon.AsSpan(_debut, _fin - _debut);
        var lecteur = new Utf8JsonReader(donnees, _fini, _etat);
        long consommes = 0;
        var etat = _etat;
        try
        {
            while (true)
            {
                consommes = lecteur.BytesConsumed;
                etat = lecteur.CurrentState;
                // After the root there is nothing but blanks, let go of as they are skipped: megabytes of them would grow the buffer.
                if (!lecteur.Read())
                    return _phase == Phase.ApresLaRacine ? Conserver(lecteur.BytesConsumed, lecteur.CurrentState, lot.Count > 0) : Conserver(consommes, etat, lot.Count > 0);
                switch (_phase)
                {
                    case Phase.AvantLaRacine:
                        if (lecteur.TokenType != JsonTokenType.StartObject) throw new FichierIllisibleException(PasUnObjet);
                        _phase = Phase.DansLaRacine;
                        break;
                    case Phase.DansLaRacine when lecteur.TokenType == JsonTokenType.EndObject:
                        if (!_dossiersVus) throw new FichierIllisibleException("La propriété \"dossiers\" manque.");
                        _phase = Phase.ApresLaRacine;
                        break;
                    case Phase.DansLaRacine when lecteur.TokenType == JsonTokenType.PropertyName:
                        if (!lecteur.ValueTextEquals("dossiers"u8))
                            throw new FichierIllisibleException($"Propriété inconnue à la racine : {Application.Commun.ChaineSansNul.Visible(NomALaRacine(ref lecteur, donnees))}.");
                        if (!lecteur.Read()) return Conserver(consommes, etat, lot.Count > 0);
                        if (lecteur.TokenType != JsonTokenType.StartArray)
                            throw new FichierIllisibleException("\"dossiers\" est un tableau.");
                        _dossiersVus = true;
                        _phase = Phase.DansLesDossiers;
                        break;
                    case Phase.DansLesDossiers when lecteur.TokenType == JsonTokenType.EndArray:
                        _phase = Phase.DansLaRacine;
                        break;
                    case Phase.DansLesDossiers:
                        var debut = lecteur.TokenStartIndex;
                        var estObjet = lecteur.TokenType == JsonTokenType.StartObject;
                        if (lecteur.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !lecteur.TrySkip())
                            return Conserver(consommes, etat, lot.Count > 0);
                        var chemin = $"$.dossiers[{_index}]";
                        if (!estObjet) lot.Add(new DossierLu(_index, chemin, null, [(chemin, "Un dossier est un objet JSON.")]));
                        else
                        {
                            var tranche = donnees[(int)debut..(int)lecteur.BytesConsumed];
                            try
                            {
                                lot.Add(new DossierLu(_index, chemin, JsonSerializer.Deserialize<DossierJson>(tranche, Options), []));
                            }
                            catch (JsonException) when (CorpsImport.PremierOctetInvalide(tranche) is var i and >= 0)
                            {
                                // Bytes that are no UTF-8 (a windows-1252 file sent as such, say) are only in texts: a value, of
                                // which it could not make text, or a name, which it made into an unknown one with U+FFFD in it.
                                // Either way the file's encoding is at fault, whatever the serializer met first.
                                var position = (int)debut + i;
                                throw CorpsImport.Utf8Invalide(encodage, _lignes + donnees[..position].Count((byte)'\n') + 1, donnees, position);
                            }
                            catch (JsonException e)
                            {
                                var erreurs = new List<(string Chemin, string Message)>();
                                var lu = LectureMembreParMembre.Lire(tranche.ToArray(), Options, chemin, erreurs);
                                if (erreurs.Count == 0)
                                    erreurs.Add((Application.Commun.ChaineSansNul.Visible(e.Path is { Length: > 1 } p ? chemin + p[1..] : chemin), MessagesJson.Refus(e)));
                                lot.Add(new DossierLu(_index, chemin, lu, erreurs));
                            }
                        }
                        _index++;
                        break;
                    default:
                        throw new FichierIllisibleException("JSON inattendu à la racine.");
                }
            }
        }
        catch (JsonException e) when (CorpsImport.PremierOctetInvalide(donnees) is var i and >= 0 && e.BytePositionInLine is not null
                                      && EstAvant(donnees, i, e))
        {
            // Outside a value, the reader stops at the first byte that is not JSON: not JSON because not UTF-8.
            throw CorpsImport.Utf8Invalide(encodage, _lignes + donnees[..i].Count((byte)'\n') + 1, donnees, i);
        }
        catch (JsonException e)
        {
            // The reader's own messages are English: the caller hears where, and what the file looks like.
            if (_phase == Phase.AvantLaRacine)
                throw new FichierIllisibleException(_fini && _tampon.AsSpan(_debut, _fin - _debut).Trim(" \t\r\n"u8).IsEmpty
                    ? "Le fichier JSON est vide : un objet { \"dossiers\": [ … ] } est attendu." : PasUnObjet);
            // The reader refuses a second value after the first one (JsonReaderOptions.AllowMultipleValues is off): the file
            // is not the object it began with, and applying that object would ignore the rest of what was sent.
            if (_phase == Phase.ApresLaRacine)
                throw new FichierIllisibleException($"Du texte suit l'objet racine ligne {e.LineNumber + 1}, position {e.BytePositionInLine + 1} : "
                    + "un fichier JSON est un seul objet { \"dossiers\": [ … ] }, sans rien après lui que des blancs.");
            if (_fini && ErreursDuLecteurJson.FinDesDonnees(e)) throw new FichierIllisibleException(Tronque);
            // Well-formed maybe, but past the limit the reader stops where it is: what it met is a depth, not a syntax error.
            if (lecteur.CurrentDepth >= ProfondeurMax)
                throw new FichierIllisibleException($"JSON imbriqué sur plus de {ProfondeurMax} niveaux ligne {e.LineNumber + 1}, position "
                    + $"{e.BytePositionInLine + 1} : un fichier d'import n'imbrique pas plus de {ProfondeurMax} objets ou listes les uns dans les autres "
                    + "(son format en imbrique six).");
            throw new FichierIllisibleException($"JSON mal formé ligne {e.LineNumber + 1}, position {e.BytePositionInLine + 1} : une virgule, "
                + "un guillemet, un crochet ou une accolade y manque ou y est de trop.");
        }
    }

    /// <summary>
    /// The name of a property at the root, for the message that refuses it. The reader lets through what making text of it
    /// refuses (Utf8JsonReader.GetString): bytes that are no UTF-8, or an escape of half a surrogate pair.
    /// </summary>
    private string NomALaRacine(ref Utf8JsonReader lecteur, ReadOnlySpan<byte> donnees)
    {
        try
        {
            return lecteur.GetString() ?? "";
        }
        catch (InvalidOperationException) when (CorpsImport.PremierOctetInvalide(donnees) is var i and >= 0)
        {
            // As in a dossier: the file's encoding is at fault.
            throw CorpsImport.Utf8Invalide(encodage, _lignes + donnees[..i].Count((byte)'\n') + 1, donnees, i);
        }
        catch (InvalidOperationException)
        {
            // Its bytes are valid: the escape is the fault.
            throw new FichierIllisibleException($"{MessagesJson.DemiCaractere} Ligne {_lignes + donnees[..(int)lecteur.TokenStartIndex].Count((byte)'\n') + 1}.");
        }
    }

    private enum Phase { AvantLaRacine, DansLaRacine, DansLesDossiers, ApresLaRacine }

    private bool Conserver(long consommes, JsonReaderState etat, bool progres)
    {
        Consommer((int)consommes);
        _etat = etat;
        return progres;
    }

    /// <summary>Past these bytes for good: their lines are counted, for the line of an invalid byte further on.</summary>
    private void Consommer(int octets)
    {
        _lignes += _tampon.AsSpan(_debut, octets).Count((byte)'\n');
        _debut += octets;
    }
}
