using System.Collections.Concurrent;
using Labels.Application.Palmares;
using Labels.Domain.Webhooks;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Labels.Infrastructure.Webhooks;

/// <summary>
/// Delivers the outbox, on every instance with <see cref="OptionsWebhooks.Livrer"/> on, each event once between them:
/// <list type="number">
/// <item>events whose instant has come are sent out — their body written, a delivery made for each subscription that wants them —
/// claimed with <c>FOR UPDATE SKIP LOCKED</c>;</item>
/// <item>deliveries due are claimed the same way, each held for <see cref="Livraison.Bail"/> while its attempt is made outside any
/// transaction; the outcome is recorded with the attempt;</item>
/// <item>every hour, events older than <see cref="Evenement.Conservation"/> go, with their deliveries and attempts.</item>
/// </list>
/// It looks every <see cref="OptionsWebhooks.Intervalle"/>, and at once when any instance's use case commits something for it
/// (a PostgreSQL notification, <see cref="SignalLivreurs"/>) or an attempt of its own ends. Attempts run side by side, at most
/// <see cref="OptionsWebhooks.EnvoisSimultanes"/> at once: a slow receiver holds its own attempt, never the others nor the
/// outbox's reading.
/// </summary>
internal sealed class LivreurWebhooks(IServiceScopeFactory scopes, IOptions<OptionsWebhooks> options, EnvoiWebhook envoi, SecretsWebhooks secrets,
    TimeProvider horloge, Telemetrie.MesuresLabels mesures, ILogger<LivreurWebhooks> journal) : BackgroundService
{
    private static readonly TimeSpan IntervalleDePurge = TimeSpan.FromHours(1);

    private readonly Reveil _reveil = new();
    private readonly OptionsWebhooks _options = options.Value;
    private readonly SemaphoreSlim _places = new(options.Value.EnvoisSimultanes, options.Value.EnvoisSimultanes);
    private readonly ConcurrentDictionary<Guid, Task> _enCours = new();
    /// <summary>The subscriptions with an attempt under way on this instance: one at a time each, so that a receiver that does not
    /// answer holds one place, not all of them.</summary>
    private readonly ConcurrentDictionary<Guid, byte> _abonnementsEnCours = new();
    private DateTimeOffset _prochainePurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken arret)
    {
        if (!_options.Livrer) return;
        var ecoute = EcouterAsync(arret);
        await TravaillerAsync(arret);
        // Stopped: the attempts under way end with their own cancellation; an unfinished one is tried again after its lease.
        await Task.WhenAll(_enCours.Values.Append(ecoute)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task TravaillerAsync(CancellationToken arret)
    {
        while (!arret.IsCancellationRequested)
        {
            try
            {
                while (await DiffuserAsync(arret) > 0) { }
                while (await LivrerAsync(arret) > 0) { }
                await PurgerAsync(arret);
            }
            catch (Exception e) when (!arret.IsCancellationRequested)
            {
                // The database unavailable, say: nothing is lost, the outbox is read again at the next turn.
                journal.LogWarning(e, "Webhooks : {Message}", e.Message);
            }
            if (!await _reveil.AttendreAsync(_options.Intervalle, arret)) return;
        }
    }

    /// <summary>Sends out the events whose instant has come; how many.</summary>
    private async Task<int> DiffuserAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
        var publies = scope.ServiceProvider.GetRequiredService<IPalmaresPublies>();
        var maintenant = horloge.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var dus = await db.Evenements.FromSql($"""
            SELECT * FROM evenements_webhook WHERE diffuse_le IS NULL AND survenu_le <= {maintenant}
            ORDER BY survenu_le, id LIMIT 100 FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (dus.Count == 0) return 0;
        var abonnements = await db.Abonnements.AsNoTracking().Where(a => a.Etat == EtatAbonnement.Actif).ToListAsync(ct);
        foreach (var evenement in dus)
        {
            evenement.Diffuser(await ContenuEvenement.EcrireAsync(evenement, _options.UrlPublique, publies), maintenant);
            // A ping's one delivery was made with it.
            if (evenement.Type == TypesEvenement.Ping) continue;
            db.Livraisons.AddRange(abonnements.Where(evenement.EstPour).Select(a => Livraison.Pour(evenement, a, maintenant)));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return dus.Count;
    }

    /// <summary>
    /// Listens for the notifications of <see cref="SignalLivreurs"/> on a connection of its own; lost (the database restarting),
    /// it listens again a moment later, and the outbox is read at once in case something was committed meanwhile.
    /// </summary>
    private async Task EcouterAsync(CancellationToken arret)
    {
        string chaine;
        await using (var scope = scopes.CreateAsyncScope())
            chaine = scope.ServiceProvider.GetRequiredService<LabelsDbContext>().Database.GetConnectionString()!;
        while (!arret.IsCancellationRequested)
        {
            try
            {
                await using var connexion = new NpgsqlConnection(chaine);
                await connexion.OpenAsync(arret);
                connexion.Notification += (_, _) => _reveil.Signaler();
                await using (var ecoute = new NpgsqlCommand("LISTEN " + SignalLivreurs.Canal, connexion))
                    await ecoute.ExecuteNonQueryAsync(arret);
                _reveil.Signaler();
                // A bounded wait, so that a connection gone without a word is found out and replaced.
                while (!arret.IsCancellationRequested)
                    if (!await connexion.WaitAsync(TimeSpan.FromSeconds(30), arret))
                        await using (var veille = new NpgsqlCommand("SELECT 1", connexion)) await veille.ExecuteScalarAsync(arret);
            }
            catch (OperationCanceledException) when (arret.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                journal.LogDebug(e, "Webhooks : écoute des notifications interrompue ({Message}) ; reprise dans un instant.", e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), arret);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims as many deliveries due as there are free places and starts their attempts; how many.</summary>
    private async Task<int> LivrerAsync(CancellationToken ct)
    {
        var libres = _places.CurrentCount;
        if (libres == 0) return 0;
        List<(Livraison Livraison, Guid Tentative)> reclamees;
        Dictionary<Guid, Evenement> evenements;
        Dictionary<Guid, Abonnement> abonnements;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
            var maintenant = horloge.GetUtcNow();
            var occupes = _abonnementsEnCours.Keys.ToArray();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var dues = (await db.Livraisons.FromSql($"""
                SELECT l.*, l.xmin FROM livraisons_webhook l
                WHERE l.etat = {nameof(EtatLivraison.EnAttente)} AND l.prochaine_tentative <= {maintenant}
                  AND l.abonnement_id <> ALL({occupes})
                  AND EXISTS (SELECT 1 FROM evenements_webhook e WHERE e.id = l.evenement_id AND e.diffuse_le IS NOT NULL)
                ORDER BY l.prochaine_tentative, l.id LIMIT {libres * 4} FOR UPDATE OF l SKIP LOCKED
                """).ToListAsync(ct))
                // One per subscription; the others stay as they are, for the next look.
                .DistinctBy(l => l.AbonnementId).Take(libres).ToList();
            if (dues.Count == 0) return 0;
            var idsEvenements = dues.Select(l => l.EvenementId).Distinct().ToArray();
            var idsAbonnements = dues.Select(l => l.AbonnementId).Distinct().ToArray();
            evenements = await db.Evenements.AsNoTracking().Where(e => idsEvenements.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            abonnements = await db.Abonnements.AsNoTracking().Where(a => idsAbonnements.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            // An attempt left under way by an instance that stopped is said interrupted; the new one is listed from its start.
            var idsLivraisons = dues.Select(l => l.Id).ToArray();
            foreach (var interrompue in await db.TentativesLivraison.Where(t => idsLivraisons.Contains(t.LivraisonId) && t.EnCours).ToListAsync(ct))
                interrompue.Interrompre();
            reclamees = [];
            foreach (var livraison in dues)
            {
                var tentative = TentativeLivraison.Commencer(livraison, evenements[livraison.EvenementId], livraison.Reclamer(maintenant), maintenant);
                db.TentativesLivraison.Add(tentative);
                reclamees.Add((livraison, tentative.Id));
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        foreach (var (livraison, tentative) in reclamees)
        {
            await _places.WaitAsync(ct);
            _abonnementsEnCours[livraison.AbonnementId] = 0;
            var tache = Task.Run(async () =>
            {
                try
                {
                    await TenterAsync(livraison.Id, tentative, evenements[livraison.EvenementId], abonnements[livraison.AbonnementId], ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Its outcome could not be recorded (the database gone, say): the delivery is tried again after its lease.
                    journal.LogWarning(e, "Webhooks : tentative {Livraison} non enregistrée : {Message}", livraison.Id, e.Message);
                }
                catch (OperationCanceledException)
                {
                    await InterrompreAsync(livraison.Id, tentative);
                }
                finally
                {
                    _abonnementsEnCours.TryRemove(livraison.AbonnementId, out _);
                    _places.Release();
                    _enCours.TryRemove(livraison.Id, out _);
                    _reveil.Signaler();
                }
            }, CancellationToken.None);
            _enCours[livraison.Id] = tache;
        }
        return reclamees.Count;
    }

    private async Task TenterAsync(Guid livraisonId, Guid tentativeId, Evenement evenement, Abonnement abonnement, CancellationToken ct)
    {
        ResultatEnvoi? resultat = null;
        var debut = horloge.GetUtcNow();
        // A subscription paused, disabled or no longer wanting this event since the delivery was made: nothing is sent.
        if (evenement.EstPour(abonnement))
        {
            var signataires = abonnement.SecretsEnVigueur(debut).Select(secrets.Devoiler).ToArray();
            resultat = await envoi.EnvoyerAsync(abonnement.Url, evenement.IdentifiantWebhook, debut, evenement.Contenu!, signataires, ct);
        }
        // A write beside this one (a pause giving up the delivery, a resend) changes its row meanwhile: the outcome is recorded
        // again on what the row has become, rather than left unwritten and the attempt listed as under way for ever.
        for (var essai = 1; ; essai++)
        {
            try
            {
                await EnregistrerAsync(livraisonId, tentativeId, evenement, abonnement.Id, resultat);
                break;
            }
            catch (DbUpdateConcurrencyException) when (essai < 3)
            {
            }
        }
        if (resultat is { Reussi: false })
            journal.LogInformation("Webhook {Id} vers l'abonnement {Abonnement} : tentative en échec ({Statut}{Erreur}).",
                evenement.IdentifiantWebhook, abonnement.Id, resultat.StatutHttp, resultat.Erreur);
    }

    /// <summary>What an attempt gave, on the delivery, its subscription and the attempt's row; null: nothing was sent.</summary>
    private async Task EnregistrerAsync(Guid livraisonId, Guid tentativeId, Evenement evenement, Guid abonnementId, ResultatEnvoi? resultat)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
        var livraison = await db.Livraisons.FirstOrDefaultAsync(l => l.Id == livraisonId, CancellationToken.None);
        var suivi = await db.Abonnements.FirstOrDefaultAsync(a => a.Id == abonnementId, CancellationToken.None);
        var tentative = await db.TentativesLivraison.FirstOrDefaultAsync(t => t.Id == tentativeId, CancellationToken.None);
        // Deleted with its subscription during the attempt.
        if (livraison is null || suivi is null || tentative is null) return;
        var maintenant = horloge.GetUtcNow();
        var fin = false;
        var etatAvant = livraison.Etat;
        if (resultat is null)
        {
            // Nothing was sent: no attempt to list.
            livraison.Renoncer(maintenant);
            db.TentativesLivraison.Remove(tentative);
        }
        else if (resultat.Reussi)
        {
            livraison.Reussir(maintenant);
            suivi.Reussir();
        }
        else if (resultat.Desinscrit)
        {
            suivi.Desinscrire(maintenant);
            livraison.Abandonner(maintenant);
            fin = true;
        }
        else
        {
            livraison.Echouer(maintenant, Random.Shared.NextDouble(), reessayer: evenement.Type != TypesEvenement.Ping);
            if (suivi.Echouer(maintenant))
            {
                livraison.Abandonner(maintenant);
                fin = true;
            }
        }
        if (resultat is not null) tentative.Terminer(livraison, resultat.StatutHttp, resultat.Erreur, resultat.Latence, resultat.Extrait);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        // Disabled: its other deliveries stop here too; they can be resent by hand once it is enabled again.
        var abandonnees = fin
            ? await db.Livraisons.Where(l => l.AbonnementId == suivi.Id && l.Etat == EtatLivraison.EnAttente)
                .ExecuteUpdateAsync(l => l.SetProperty(x => x.Etat, EtatLivraison.Abandonnee).SetProperty(x => x.ProchaineTentative, (DateTimeOffset?)null)
                    .SetProperty(x => x.TermineeLe, maintenant), CancellationToken.None)
            : 0;
        await transaction.CommitAsync(CancellationToken.None);
        // Counted once written: an attempt whose outcome is written again after a concurrent change is one attempt.
        if (resultat is not null) mesures.Tentative(resultat.Reussi);
        // A delivery a pause gave up meanwhile ended there, not here.
        if (etatAvant == EtatLivraison.EnAttente) mesures.LivraisonsTerminees(livraison.Etat);
        mesures.LivraisonsTerminees(EtatLivraison.Abandonnee, abandonnees);
    }

    /// <summary>
    /// This instance stops during an attempt: the attempt is said interrupted and the delivery freed for another instance at once;
    /// if even that cannot be written, the next claim says it and the lease frees it.
    /// </summary>
    private async Task InterrompreAsync(Guid livraisonId, Guid tentativeId)
    {
        try
        {
            using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
            if (await db.TentativesLivraison.FirstOrDefaultAsync(t => t.Id == tentativeId && t.EnCours, delai.Token) is { } tentative) tentative.Interrompre();
            if (await db.Livraisons.FirstOrDefaultAsync(l => l.Id == livraisonId, delai.Token) is { } livraison) livraison.Liberer(horloge.GetUtcNow());
            await db.SaveChangesAsync(delai.Token);
        }
        catch (Exception e)
        {
            journal.LogDebug(e, "Webhooks : interruption de la livraison {Livraison} non enregistrée.", livraisonId);
        }
    }

    private async Task PurgerAsync(CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        if (maintenant < _prochainePurge) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
        var limite = maintenant - Evenement.Conservation;
        await db.Evenements.Where(e => e.DiffuseLe != null && e.SurvenuLe < limite
                && !db.Livraisons.Any(l => l.EvenementId == e.Id && l.Etat == EtatLivraison.EnAttente))
            .ExecuteDeleteAsync(ct);
        _prochainePurge = maintenant + IntervalleDePurge;
    }
}
