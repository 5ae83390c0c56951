using System.Security.Cryptography;
using Labels.Application.Commun;
using Labels.Application.Imports;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Editions;
using Labels.Domain.Imports;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using nietras.SeparatedValues;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// A yearly import in one transaction: the stream is parsed and checked line by line, valid lines go
/// to a staging table by binary COPY, cross-line rules run in SQL, then set-based statements merge
/// into the tables by natural keys (collectivité by code, candidature by collectivité and édition,
/// fiche by reference or title). A dry run does the same and rolls back, so its counts are exact.
/// </summary>
internal sealed class ChargeurImport(LabelsDbContext db, TimeProvider horloge) : IChargeurImport
{
    public const int ErreursMax = 10_000;
    private const int PasDeProgression = 5_000;

    private static readonly string[] ColonnesCsv =
        ["collectivite", "arobases", "mentions", "reference", "titre", "resume", "description", "dateDebut", "dateFin", "enCours", "enjeux", "services", "liens"];
    private static readonly string[] ColonnesDeFiche =
        ["reference", "titre", "resume", "description", "dateDebut", "dateFin", "enCours", "enjeux", "services", "liens"];

    /// <summary>Held by an import's transaction; start-up takes it to tell a dead run from a live one on another instance.</summary>
    public const int CleDeVerrou = 4242002;

    public async Task<RapportImport> ChargerAsync(Guid importId, Edition edition, Stream corps, FormatImport format, bool dryRun,
        IProgress<int> progression, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        await using var flux = new FluxEmpreinte(corps);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var verrou = Commande($"SELECT pg_advisory_xact_lock({CleDeVerrou}, hashtext(@id))", connexion))
            {
                verrou.Parameters.AddWithValue("id", importId.ToString());
                await verrou.ExecuteNonQueryAsync(ct);
            }
            await ExecuterAsync(connexion, Sql.CreerStaging, ct);
            int lues;
            await using (var copie = await connexion.BeginBinaryImportAsync(Sql.CopieStaging, ct))
            {
                var ecrivain = new Ecrivain(copie);
                lues = format == FormatImport.Json
                    ? await LireJsonAsync(flux, edition, ecrivain, erreurs, progression, ct)
                    : await LireCsvAsync(flux, edition, ecrivain, erreurs, progression, ct);
                await copie.CompleteAsync(ct);
            }
            progression.Report(lues);
            // Temporary tables have no statistics: without them the checks and the merge get nested-loop plans.
            await ExecuterAsync(connexion, "ANALYZE import_lignes", ct);
            await VerifierAsync(connexion, format, erreurs, ct);
            var empreinte = flux.Empreinte();
            if (erreurs.Total > 0)
            {
                await transaction.RollbackAsync(ct);
                return new RapportImport(StatutImport.Refuse, CompteursImport.Zero, CompteursImport.Zero, erreurs.Liste, erreurs.Total, lues, empreinte);
            }
            var (dossiers, fiches) = await FusionnerAsync(connexion, edition, ct);
            if (dryRun) await transaction.RollbackAsync(ct);
            else await transaction.CommitAsync(ct);
            return new RapportImport(dryRun ? StatutImport.Valide : StatutImport.Applique, dossiers, fiches, [], 0, lues, empreinte);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> LireJsonAsync(Stream flux, Edition edition, Ecrivain ecrivain, Erreurs erreurs, IProgress<int> progression,
        CancellationToken ct)
    {
        var lecteur = new LecteurJson(flux);
        var lues = 0;
        var champs = new List<(string Champ, string Message)>();
        try
        {
            while (await lecteur.LireAsync(ct) is { Count: > 0 } lot)
            {
                foreach (var (_, dossier, chemin, erreur) in lot)
                {
                    lues++;
                    if (dossier is null)
                    {
                        erreurs.Ajouter(null, chemin, "", erreur!);
                        continue;
                    }
                    var code = CodeJson(dossier.Collectivite, chemin!, erreurs);
                    champs.Clear();
                    var (arobases, mentions) = ReglesImport.Distinction(edition, dossier.Distinction?.Arobases, dossier.Distinction?.Mentions, champs);
                    foreach (var (champ, message) in champs) erreurs.Ajouter(null, $"{chemin}.distinction.{champ}", champ, message);
                    if (code is not null && champs.Count == 0) ecrivain.Dossier(null, chemin, code, arobases, mentions);
                    var fiches = dossier.Fiches ?? [];
                    for (var j = 0; j < fiches.Count; j++)
                    {
                        lues++;
                        var f = fiches[j];
                        champs.Clear();
                        var contenu = ReglesImport.Fiche(edition, new FicheBrute(f.Reference, f.Titre, f.Resume, f.Description, f.DateDebut, f.DateFin,
                            f.EnCours ?? false, f.Services ?? [], f.Enjeux ?? [], f.Liens ?? []), champs);
                        foreach (var (champ, message) in champs) erreurs.Ajouter(null, $"{chemin}.fiches[{j}].{champ}", champ, message);
                        if (contenu is not null && code is not null) ecrivain.Fiche(null, $"{chemin}.fiches[{j}]", code, contenu);
                    }
                    if (lues / PasDeProgression != (lues - fiches.Count - 1) / PasDeProgression) progression.Report(lues);
                }
            }
        }
        finally
        {
            lecteur.Liberer();
        }
        return lues;
    }

    private static string? CodeJson(CollectiviteJson? c, string chemin, Erreurs erreurs)
    {
        if (c is null || (c.CodeInsee is null) == (c.Siren is null))
        {
            erreurs.Ajouter(null, $"{chemin}.collectivite", "collectivite", "Indiquez soit codeInsee, soit siren.");
            return null;
        }
        if (c.CodeInsee is { } insee && !Domain.Commun.CodesOfficiels.EstCodeInseeValide(insee))
        {
            erreurs.Ajouter(null, $"{chemin}.collectivite.codeInsee", "codeInsee", $"Code INSEE malformé : {insee}.");
            return null;
        }
        if (c.Siren is { } siren && !Domain.Commun.CodesOfficiels.EstSirenValide(siren))
        {
            erreurs.Ajouter(null, $"{chemin}.collectivite.siren", "siren", $"SIREN invalide : {siren}.");
            return null;
        }
        return c.CodeInsee ?? c.Siren;
    }

    private static async Task<int> LireCsvAsync(Stream flux, Edition edition, Ecrivain ecrivain, Erreurs erreurs, IProgress<int> progression,
        CancellationToken ct)
    {
        SepReader lecteur;
        try
        {
            lecteur = await Sep.Reader(o => o with
            {
                Unescape = true,
                Trim = SepTrim.Outer,
                DisableColCountCheck = true,
                ColNameComparer = StringComparer.OrdinalIgnoreCase,
            }).FromAsync(flux, ct);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new FichierIllisibleException($"CSV illisible : {e.Message}");
        }
        using var _ = lecteur;
        var entete = lecteur.Header;
        if (entete.IsEmpty) throw new FichierIllisibleException("Le CSV est vide : la première ligne nomme les colonnes.");
        foreach (var nom in entete.ColNames.Where(n => !ColonnesCsv.Contains(n, StringComparer.OrdinalIgnoreCase)).Select(ChaineSansNul.Visible))
            erreurs.Ajouter(1, null, nom, $"Colonne inconnue « {nom} » ; colonnes possibles : {string.Join(", ", ColonnesCsv)}.");
        if (!entete.TryIndexOf("collectivite", out var iCollectivite))
        {
            erreurs.Ajouter(1, null, "collectivite", "La colonne collectivite (code INSEE ou SIREN) est requise.");
            return 0;
        }
        int? Colonne(string nom) => entete.TryIndexOf(nom, out var i) ? i : null;
        var (iArobases, iMentions, iReference, iTitre, iResume, iDescription, iDebut, iFin, iEnCours, iEnjeux, iServices, iLiens) = (
            Colonne("arobases"), Colonne("mentions"), Colonne("reference"), Colonne("titre"), Colonne("resume"), Colonne("description"),
            Colonne("dateDebut"), Colonne("dateFin"), Colonne("enCours"), Colonne("enjeux"), Colonne("services"), Colonne("liens"));
        var iFiche = ColonnesDeFiche.Select(Colonne).OfType<int>().ToArray();
        var nombre = entete.ColNames.Count;
        var champs = new List<(string Champ, string Message)>();
        var lues = 0;

        await foreach (var ligne in lecteur)
        {
            var numero = ligne.LineNumberFrom;
            if (ligne.ColCount == 1 && ligne.Span.Trim().IsEmpty) continue; // blank line
            lues++;
            if (lues % PasDeProgression == 0) progression.Report(lues);
            if (ligne.Span.Contains('\0'))
            {
                erreurs.Ajouter(numero, null, "", "Le caractère NUL n'est pas permis.");
                continue;
            }
            if (ligne.ColCount != nombre)
            {
                erreurs.Ajouter(numero, null, "", $"{ligne.ColCount} colonnes au lieu de {nombre}.");
                continue;
            }
            var code = Texte(ligne, iCollectivite);
            var codeValide = ReglesImport.EstCodeCollectivite(code);
            if (!codeValide) erreurs.Ajouter(numero, null, "collectivite", code is null ? "Code de collectivité requis." : $"Code malformé : {code} (code INSEE ou SIREN).");

            champs.Clear();
            int? arobases = null;
            if (Texte(ligne, iArobases) is { } a)
            {
                if (int.TryParse(a, out var n)) arobases = n;
                else champs.Add(("arobases", $"Nombre entier attendu : {a}."));
            }
            var (ar, mentions) = ReglesImport.Distinction(edition, arobases, ReglesImport.Liste(Texte(ligne, iMentions)), champs);
            foreach (var (champ, message) in champs) erreurs.Ajouter(numero, null, champ, message);
            if (codeValide && champs.Count == 0) ecrivain.Dossier(numero, null, code!, ar, mentions);

            if (!AUneFiche(ligne, iFiche)) continue; // a dossier line, no fiche
            champs.Clear();
            var enCours = ReglesImport.LireBooleen(Texte(ligne, iEnCours));
            var contenu = ReglesImport.Fiche(edition, new FicheBrute(Texte(ligne, iReference), Texte(ligne, iTitre), Texte(ligne, iResume),
                Texte(ligne, iDescription), Texte(ligne, iDebut), Texte(ligne, iFin), enCours, ReglesImport.Liste(Texte(ligne, iServices)),
                ReglesImport.Liste(Texte(ligne, iEnjeux)), ReglesImport.Liste(Texte(ligne, iLiens))), champs);
            foreach (var (champ, message) in champs) erreurs.Ajouter(numero, null, champ, message);
            if (contenu is not null && codeValide) ecrivain.Fiche(numero, null, code!, contenu);
        }
        return lues;
    }

    private static string? Texte(SepReader.Row ligne, int? i) => i is { } x && ligne[x].Span.Length > 0 ? ligne[x].ToString() : null;

    private static bool AUneFiche(SepReader.Row ligne, int[] colonnes)
    {
        foreach (var i in colonnes)
            if (ligne[i].Span.Length > 0) return true;
        return false;
    }

    /// <summary>The rules that span lines, in SQL over the staging table.</summary>
    private static async Task VerifierAsync(NpgsqlConnection connexion, FormatImport format, Erreurs erreurs, CancellationToken ct)
    {
        await LireErreursAsync(connexion, Sql.CodesInconnus, "collectivite", r => $"Le COG ne connaît pas la collectivité {r.GetString(2)}.", ct, erreurs);
        await LireErreursAsync(connexion, Sql.ReferencesEnDouble, "reference",
            r => $"La référence {r.GetString(2)} figure déjà dans ce fichier pour cette collectivité ({Ou(r, 3, 4)}).", ct, erreurs);
        await LireErreursAsync(connexion, Sql.TitresEnDouble, "titre",
            r => $"Une autre fiche sans référence porte le titre « {r.GetString(2)} » pour cette collectivité ({Ou(r, 3, 4)}).", ct, erreurs);
        await LireErreursAsync(connexion, Sql.DistinctionsDivergentes, "arobases",
            r => $"La distinction de {r.GetString(2)} diffère de celle donnée plus haut ({Ou(r, 3, 4)}).", ct, erreurs);
        if (format == FormatImport.Json)
            await LireErreursAsync(connexion, Sql.DossiersEnDouble, "collectivite",
                r => $"La collectivité {r.GetString(2)} a déjà un dossier dans ce fichier ({Ou(r, 3, 4)}).", ct, erreurs);
    }

    private static string Ou(NpgsqlDataReader r, int ligne, int chemin) =>
        r.IsDBNull(ligne) ? r.GetString(chemin) : $"ligne {r.GetInt32(ligne)}";

    private static async Task LireErreursAsync(NpgsqlConnection connexion, string sql, string champ, Func<NpgsqlDataReader, string> message,
        CancellationToken ct, Erreurs erreurs)
    {
        await using var commande = Commande(sql, connexion);
        await using var r = await commande.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            erreurs.Ajouter(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? null : $"{r.GetString(1)}", champ, message(r));
    }

    private async Task<(CompteursImport Dossiers, CompteursImport Fiches)> FusionnerAsync(NpgsqlConnection connexion, Edition edition,
        CancellationToken ct)
    {
        await using var commande = Commande(Sql.Fusion, connexion);
        commande.Parameters.AddWithValue("annee", edition.Annee);
        commande.Parameters.AddWithValue("maintenant", horloge.GetUtcNow());
        commande.Parameters.AddWithValue("seuil", Collectivite.SeuilVille);
        commande.Parameters.AddWithValue("commune", nameof(TypeCollectivite.Commune));
        commande.Parameters.AddWithValue("intercommunalite", nameof(TypeCollectivite.Intercommunalite));
        commande.Parameters.AddWithValue("village", nameof(Categorie.Village));
        commande.Parameters.AddWithValue("ville", nameof(Categorie.Ville));
        commande.Parameters.AddWithValue("deposee", nameof(StatutCandidature.Deposee));
        await commande.ExecuteNonQueryAsync(ct);
        await using var bilan = Commande(Sql.Bilan, connexion);
        await using var r = await bilan.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (new CompteursImport(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2)), new CompteursImport(r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)));
    }

    /// <summary>
    /// A statement of the import: no command timeout, since merging a large file takes minutes; the
    /// request's cancellation still stops it.
    /// </summary>
    private static NpgsqlCommand Commande(string sql, NpgsqlConnection connexion) => new(sql, connexion) { CommandTimeout = 0 };

    private static async Task ExecuterAsync(NpgsqlConnection connexion, string sql, CancellationToken ct)
    {
        await using var commande = Commande(sql, connexion);
        await commande.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every error up to a bound (the report stays readable and small), and how many there were.</summary>
    private sealed class Erreurs
    {
        public List<ErreurImport> Liste { get; } = [];
        public int Total { get; private set; }

        public void Ajouter(int? ligne, string? chemin, string champ, string message)
        {
            Total++;
            if (Liste.Count < ErreursMax) Liste.Add(new ErreurImport(ligne, chemin, champ, message));
        }
    }

    /// <summary>Writes staging rows in the COPY stream (synchronous writes: Npgsql buffers them).</summary>
    private sealed class Ecrivain(NpgsqlBinaryImporter copie)
    {
        private int _ordre;

        public void Dossier(int? ligne, string? chemin, string code, int? arobases, string[]? mentions)
        {
            Debut(ligne, chemin, "D", code);
            Ecrire(arobases, NpgsqlDbType.Integer);
            Ecrire(mentions, NpgsqlDbType.Array | NpgsqlDbType.Text);
            for (var i = 0; i < 10; i++) copie.WriteNull();
        }

        public void Fiche(int? ligne, string? chemin, string code, ContenuFiche f)
        {
            Debut(ligne, chemin, "F", code);
            copie.WriteNull();
            copie.WriteNull();
            Ecrire(f.Reference, NpgsqlDbType.Text);
            copie.Write(f.Titre, NpgsqlDbType.Text);
            Ecrire(f.Resume, NpgsqlDbType.Text);
            copie.Write(f.Description, NpgsqlDbType.Text);
            copie.Write(f.DateDebut, NpgsqlDbType.Date);
            Ecrire(f.DateFin, NpgsqlDbType.Date);
            copie.Write(f.EnCours, NpgsqlDbType.Boolean);
            copie.Write(f.Services.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            copie.Write(f.Enjeux.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            copie.Write(f.Liens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }

        private void Debut(int? ligne, string? chemin, string genre, string code)
        {
            copie.StartRow();
            copie.Write(_ordre++, NpgsqlDbType.Integer);
            Ecrire(ligne, NpgsqlDbType.Integer);
            Ecrire(chemin, NpgsqlDbType.Text);
            copie.Write(genre, NpgsqlDbType.Text);
            copie.Write(code, NpgsqlDbType.Text);
        }

        private void Ecrire<T>(T? valeur, NpgsqlDbType type)
        {
            if (valeur is null) copie.WriteNull();
            else copie.Write(valeur, type);
        }
    }

    /// <summary>Hashes the file (SHA-256) as it is read, so the run records exactly what was received.</summary>
    private sealed class FluxEmpreinte(Stream interne) : Stream
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private string? _empreinte;

        // The CSV reader disposes the stream it reads; the hash outlives it until asked for.
        public string Empreinte()
        {
            if (_empreinte is null)
            {
                _empreinte = Convert.ToHexStringLower(_sha.GetHashAndReset());
                _sha.Dispose();
            }
            return _empreinte;
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

        public override int Read(byte[] buffer, int offset, int count)
        {
            var lus = interne.Read(buffer, offset, count);
            _sha.AppendData(buffer, offset, lus);
            return lus;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var lus = await interne.ReadAsync(buffer, cancellationToken);
            _sha.AppendData(buffer.Span[..lus]);
            return lus;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    }
}
