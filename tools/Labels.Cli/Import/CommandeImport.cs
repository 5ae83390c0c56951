using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Labels.Cli.Import;

/// <summary><c>labels-import --edition ANNEE FICHIER</c>: streams the file to the API and prints its report.</summary>
public static class CommandeImport
{
    private static readonly string[] AvecValeur = ["--edition", "--url", "--token", "--email", "--password", "--encoding"];
    private static readonly string[] Drapeaux = ["--dry-run", "--async"];
    private const int EchecsDeSuiviMax = 10;

    private sealed record Identifiants(string? Jeton, string? Email, string? MotDePasse);

    /// <param name="confirmer">
    /// Asks the person whether a file that is not UTF-8 may go as windows-1252; by default on a terminal only (standard
    /// input and error), and never otherwise: a script gets the question as an error and exits 2.
    /// </param>
    public static async Task<int> ExecuterAsync(string[] args, CancellationToken ct, Func<string, bool>? confirmer = null)
    {
        var lus = Arguments.Lire(args, AvecValeur, Drapeaux);
        var annee = lus.Entier("--edition", null, 1999, 2100);
        if (lus.Positionnels.Count != 1) throw new ErreurUsage("give exactly one FILE to import.");
        var fichier = lus.Positionnels[0];
        var typeDeContenu = Path.GetExtension(fichier).ToLowerInvariant() switch
        {
            ".json" => "application/json",
            ".csv" => "text/csv",
            _ => throw new ErreurUsage($"the format comes from the extension: .json or .csv, not « {Path.GetExtension(fichier)} »."),
        };
        if (!File.Exists(fichier)) throw new ErreurUsage($"no such file: {fichier}");
        var adresse = Adresse(lus.Valeur("--url") ?? Environnement("LABELS_URL") ?? "http://127.0.0.1:5080");
        var identifiants = Identifier(lus);
        var encodage = lus.Valeur("--encoding") is { } declare ? Charset(declare) : await EncodageAsync(fichier, confirmer ?? Demander, ct);
        if (encodage is null) return CodesDeSortie.Usage;

        using var client = new ClientLabels(adresse);
        try
        {
            if (identifiants.Jeton is not null) client.Jeton = identifiants.Jeton;
            else await client.ConnecterAsync(identifiants.Email!, identifiants.MotDePasse!, ct);

            using var reponse = await EnvoyerAsync(client, annee, fichier, typeDeContenu, encodage, lus.A("--dry-run"), lus.A("--async"), ct);
            switch (reponse.StatusCode)
            {
                case HttpStatusCode.OK:
                case HttpStatusCode.UnprocessableEntity:
                    var rapport = await ClientLabels.LireAsync<RapportImport>(reponse, ct);
                    AffichageRapport.Ecrire(rapport, Console.Out);
                    return AffichageRapport.CodeDeSortie(rapport.Status);
                case HttpStatusCode.Accepted:
                    var etat = await ClientLabels.LireAsync<EtatImport>(reponse, ct);
                    var suivi = reponse.Headers.Location ?? new Uri($"api/v1/imports/{etat.Id}", UriKind.Relative);
                    return await SuivreAsync(client, identifiants, suivi, etat, ct);
                default:
                    throw await ClientLabels.ErreurAsync(reponse, ct);
            }
        }
        catch (ErreurApi e)
        {
            var detail = e.Statut == HttpStatusCode.Unauthorized && e.Probleme?.Detail is null
                ? "no valid credentials (token missing, wrong or expired; or wrong email or password)."
                : e.Message;
            Console.Error.WriteLine($"labels-import: HTTP {(int)e.Statut} {e.Probleme?.Title ?? e.Statut.ToString()}: {detail}");
            foreach (var (champ, messages) in e.Probleme?.Errors ?? [])
                foreach (var message in messages) Console.Error.WriteLine($"  {champ}  {message}");
            return e.Statut switch
            {
                // The file itself was turned down (unreadable, too large) or the import broke on the server.
                HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity => CodesDeSortie.FichierRefuse,
                >= HttpStatusCode.InternalServerError => CodesDeSortie.FichierRefuse,
                _ => CodesDeSortie.Usage,
            };
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"labels-import: cannot talk to {adresse}: {e.Message}");
            return CodesDeSortie.Usage;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"labels-import: {adresse} did not answer in time.");
            return CodesDeSortie.Usage;
        }
    }

    /// <summary>A charset name as the Content-Type carries it; which ones the API accepts is the API's to say (415 with its list).</summary>
    private static string Charset(string nom)
    {
        if (nom.Length is 0 or > 40 || !nom.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            throw new ErreurUsage($"--encoding attend un nom d'encodage (utf-8, utf-16, windows-1252, iso-8859-1, iso-8859-15), pas « {nom} ».");
        return nom;
    }

    /// <summary>The charset to declare for a file given without --encoding, or null (after saying why) when it is not known.</summary>
    private static async Task<string?> EncodageAsync(string fichier, Func<string, bool> confirmer, CancellationToken ct)
    {
        if (new FileInfo(fichier).Length > 64 << 20) Console.Error.WriteLine($"vérification de l'encodage de {fichier}…");
        var sondage = await EncodageDuFichier.SonderAsync(fichier, ct);
        if (sondage.Encodage is not null) return sondage.Encodage;
        var extrait = EncodageDuFichier.Extrait(fichier, sondage);
        var constat = $"{fichier} n'est pas en UTF-8 : octet 0x{sondage.Octet:X2} à la ligne {sondage.Ligne}. "
            + "Un tableur enregistre d'ordinaire un « CSV (séparateur : point-virgule) » en windows-1252, où cette ligne se lit :"
            + $"{Environment.NewLine}  {extrait}{Environment.NewLine}";
        if (confirmer(constat + "L'envoyer en windows-1252 ? [o/N] ")) return EncodageDuFichier.Windows1252;
        Console.Error.WriteLine($"labels-import: {constat}Précisez l'encodage du fichier : --encoding windows-1252 si la ligne ci-dessus "
            + "se lit bien, sinon son encodage réel (iso-8859-15, iso-8859-1, utf-16). Rien n'a été envoyé.");
        return null;
    }

    /// <summary>On a terminal, asks; elsewhere (a script, a pipe) nobody is there to answer.</summary>
    private static bool Demander(string question)
    {
        if (Console.IsInputRedirected || Console.IsErrorRedirected) return false;
        Console.Error.Write(question);
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "o" or "oui" or "y" or "yes";
    }

    private static async Task<HttpResponseMessage> EnvoyerAsync(ClientLabels client, int annee, string fichier, string typeDeContenu,
        string encodage, bool dryRun, bool asynchrone, CancellationToken ct)
    {
        var taille = new FileInfo(fichier).Length;
        var terminal = !Console.IsErrorRedirected;
        var barre = new BarreDeProgression(taille, Console.Error, terminal);
        var flux = new FileStream(fichier, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var contenu = new StreamContent(new FluxProgression(flux, barre), 1 << 16);
        contenu.Headers.ContentType = new MediaTypeHeaderValue(typeDeContenu) { CharSet = encodage };
        // Known up front, so the API can turn a too large file down (413) before reading it.
        contenu.Headers.ContentLength = taille;

        using var fin = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var envoi = client.EnvoyerAsync(annee, contenu, dryRun, asynchrone, fin.Token);
        var attente = AttendreLeRapportAsync(barre, terminal, fin.Token);
        try
        {
            return await envoi;
        }
        finally
        {
            await fin.CancelAsync();
            await attente;
            // Answered before the whole body went out (401, 413…): end the bar's line.
            if (terminal && !barre.Envoye.IsCompleted) Console.Error.WriteLine();
        }
    }

    /// <summary>Once the body is sent, a large file still takes the API a while: say so rather than look stuck.</summary>
    private static async Task AttendreLeRapportAsync(BarreDeProgression barre, bool terminal, CancellationToken ct)
    {
        try
        {
            await barre.Envoye.WaitAsync(ct);
            var debut = barre.Ecoule;
            Console.Error.WriteLine($"sent in {debut.TotalSeconds:0.0} s; waiting for the API's report…");
            while (terminal)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                Console.Error.Write($"\r  {(barre.Ecoule - debut).TotalSeconds:0} s ");
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (terminal && barre.Envoye.IsCompleted) Console.Error.Write("\r        \r");
        }
    }

    private static async Task<int> SuivreAsync(ClientLabels client, Identifiants identifiants, Uri suivi, EtatImport etat, CancellationToken ct)
    {
        var terminal = !Console.IsErrorRedirected;
        Console.Error.WriteLine($"accepted: import {etat.Id}, following {suivi}");
        var chrono = Stopwatch.StartNew();
        var dernierAffichage = TimeSpan.FromSeconds(-10);
        var echecs = 0;
        var reconnecte = false;
        // Queued (its turn comes, on whichever instance of the API runs imports), then running.
        while (etat.Statut is StatutsImport.EnAttente or StatutsImport.EnCours)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            try
            {
                etat = await client.LireImportAsync(suivi, ct);
                echecs = 0;
            }
            catch (ErreurApi e) when (e.Statut == HttpStatusCode.Unauthorized && !reconnecte && identifiants.Email is not null)
            {
                // An access token lasts an hour; a long import may outlive it.
                await client.ConnecterAsync(identifiants.Email, identifiants.MotDePasse!, ct);
                reconnecte = true;
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && ++echecs < EchecsDeSuiviMax)
            {
                continue;
            }
            if (terminal)
                Console.Error.Write($"\r{etat.Statut}: {AffichageRapport.N(etat.LignesLues)} lines read  {chrono.Elapsed.TotalSeconds:0} s   ");
            else if (chrono.Elapsed - dernierAffichage >= TimeSpan.FromSeconds(10) || etat.Statut is not (StatutsImport.EnAttente or StatutsImport.EnCours))
            {
                dernierAffichage = chrono.Elapsed;
                Console.Error.WriteLine($"{etat.Statut}: {AffichageRapport.N(etat.LignesLues)} lines read  {chrono.Elapsed.TotalSeconds:0} s");
            }
        }
        if (terminal) Console.Error.WriteLine();
        if (etat.Rapport is null)
        {
            Console.Out.WriteLine($"status      {etat.Statut} (no report)");
            return AffichageRapport.CodeDeSortie(etat.Statut);
        }
        AffichageRapport.Ecrire(etat.Rapport, Console.Out);
        return AffichageRapport.CodeDeSortie(etat.Rapport.Status);
    }

    /// <summary>Explicit options win over the environment; a token wins over a password at the same level.</summary>
    private static Identifiants Identifier(Arguments lus)
    {
        var (jeton, email, motDePasse) = (lus.Valeur("--token"), lus.Valeur("--email"), lus.Valeur("--password"));
        if (jeton is not null && (email is not null || motDePasse is not null))
            throw new ErreurUsage("give --token or --email/--password, not both.");
        if (jeton is not null) return new Identifiants(jeton, null, null);
        if (email is not null || motDePasse is not null)
        {
            email ??= Environnement("LABELS_EMAIL");
            motDePasse ??= Environnement("LABELS_PASSWORD");
            if (email is null || motDePasse is null) throw new ErreurUsage("--email and --password go together.");
            return new Identifiants(null, email, motDePasse);
        }
        if (Environnement("LABELS_TOKEN") is { } jetonEnv) return new Identifiants(jetonEnv, null, null);
        if (Environnement("LABELS_EMAIL") is { } emailEnv && Environnement("LABELS_PASSWORD") is { } motEnv)
            return new Identifiants(null, emailEnv, motEnv);
        throw new ErreurUsage("no credentials: --token (or LABELS_TOKEN), or --email and --password (or LABELS_EMAIL and LABELS_PASSWORD).");
    }

    private static Uri Adresse(string texte)
    {
        if (!Uri.TryCreate(texte.EndsWith('/') ? texte : texte + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ErreurUsage($"--url expects an http(s) address, not « {texte} ».");
        return uri;
    }

    private static string? Environnement(string nom) => Environment.GetEnvironmentVariable(nom) is { Length: > 0 } v ? v : null;
}
