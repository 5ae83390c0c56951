using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Labels.Infrastructure.Identite;

/// <summary>
/// Checks a login so that its answer and its time tell an outsider nothing: the password is verified in every case —
/// against a hash of the same cost when no account has that address — and every refusal does the same writes.
/// Lockout counts failures per e-mail address and client (its address): five in a row lock that address for that
/// client for 15 minutes. An outsider cannot lock a person out of their account (only themselves, from where they
/// are), and a guesser gets five tries per quarter of an hour and per address they control.
/// </summary>
public sealed class Connexions(UserManager<Compte> utilisateurs, IPasswordHasher<Compte> empreintes, LabelsDbContext db, TimeProvider horloge)
{
    public const int EchecsAvantVerrou = 5;
    public static readonly TimeSpan DureeDuVerrou = TimeSpan.FromMinutes(15);
    private const int LongueurMaxCle = 256;

    /// <summary>A hash of a random password, made with the same hasher (and cost) as the accounts' own.</summary>
    private static string? _empreinteFactice;

    public async Task<(Compte? Compte, IssueConnexion Issue)> VerifierAsync(string email, string motDePasse, string client, CancellationToken ct)
    {
        var cle = utilisateurs.NormalizeEmail(email) ?? "";
        if (cle.Length > LongueurMaxCle) cle = cle[..LongueurMaxCle];
        if (client.Length > LongueurMaxCle) client = client[..LongueurMaxCle];
        var compte = cle.Length == 0 ? null : await utilisateurs.FindByEmailAsync(email);
        var echec = await db.EchecsConnexion.AsNoTracking().FirstOrDefaultAsync(e => e.Email == cle && e.Client == client, ct);
        var juste = compte?.PasswordHash is not null
            ? await utilisateurs.CheckPasswordAsync(compte, motDePasse)
            : VerifierFactice(motDePasse);
        var maintenant = horloge.GetUtcNow();
        var issue = echec?.VerrouilleJusqua > maintenant ? IssueConnexion.Verrouillee
            : compte is null || !juste ? IssueConnexion.Identifiants
            : compte.Desactive ? IssueConnexion.Desactive
            : IssueConnexion.Reussie;

        if (issue == IssueConnexion.Reussie)
        {
            if (echec is not null) await db.EchecsConnexion.Where(e => e.Email == cle && e.Client == client).ExecuteDeleteAsync(ct);
            return (compte, issue);
        }
        // Counts that no longer matter go, so that the table holds only the last quarter of an hour's failures.
        var perime = maintenant - DureeDuVerrou;
        await db.EchecsConnexion.Where(e => e.DernierEchec < perime && (e.VerrouilleJusqua == null || e.VerrouilleJusqua < maintenant))
            .ExecuteDeleteAsync(ct);
        // One statement, so that simultaneous failures all count. A failure long after the previous one starts a new count.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO echecs_connexion AS e (email, client, echecs, dernier_echec, verrouille_jusqua)
            VALUES ({cle}, {client}, 1, {maintenant}, NULL)
            ON CONFLICT (email, client) DO UPDATE SET
                echecs = CASE WHEN e.dernier_echec < {perime} THEN 1 WHEN e.echecs + 1 >= {EchecsAvantVerrou} THEN 0 ELSE e.echecs + 1 END,
                verrouille_jusqua = CASE WHEN e.dernier_echec >= {perime} AND e.echecs + 1 >= {EchecsAvantVerrou} THEN {maintenant + DureeDuVerrou}
                                         ELSE e.verrouille_jusqua END,
                dernier_echec = {maintenant}
            """, ct);
        return (compte, issue);
    }

    private bool VerifierFactice(string motDePasse)
    {
        var factice = new Compte();
        _empreinteFactice ??= empreintes.HashPassword(factice, Guid.NewGuid().ToString("N"));
        empreintes.VerifyHashedPassword(factice, _empreinteFactice, motDePasse);
        return false;
    }
}
