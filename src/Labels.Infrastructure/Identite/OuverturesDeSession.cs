using System.Security.Claims;
using Labels.Application.Audit;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Labels.Infrastructure.Identite;

/// <summary>
/// A login: the credentials checked (<see cref="Connexions"/>: unknown address, wrong password, locked or disabled account),
/// the attempt written to the audit journal with its reason, and for a success the principal of a new pair of tokens.
/// </summary>
public sealed class OuverturesDeSession(Connexions connexions, SignInManager<Compte> ouverture, ISender sender)
{
    /// <returns>The principal to sign in, or null: every refusal looks the same to the caller, the audit says which it was.</returns>
    public async Task<ClaimsPrincipal?> OuvrirAsync(string? email, string? motDePasse, string? adresse, CancellationToken ct)
    {
        email ??= "";
        var (compte, issue) = await connexions.VerifierAsync(email, motDePasse ?? "", adresse ?? "inconnue", ct);
        await sender.Send(new JournaliserConnexion(email, issue == IssueConnexion.Reussie, compte?.Id,
            issue switch
            {
                IssueConnexion.Reussie => null,
                IssueConnexion.Verrouillee => "verrouille",
                IssueConnexion.Desactive => "desactive",
                _ => "identifiants",
            }, adresse), ct);
        return issue == IssueConnexion.Reussie ? await ouverture.CreateUserPrincipalAsync(compte!) : null;
    }
}
