using System.Security.Claims;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure.Identite;

/// <summary>
/// Whether a person's session still holds: its account exists, is enabled, and still has the security stamp its access
/// token carries — a refresh token presented twice, a password change or an administrator disabling the account changes
/// the stamp, and every token issued before stops working. The state of an account is read from the database at most
/// once per <c>Securite:FraicheurDesSessions</c> (30 s by default) on each instance, and forgotten at once on the
/// instance that ends the sessions.
/// </summary>
public sealed class Sessions(IServiceScopeFactory scopes, IOptions<IdentityOptions> identite, IConfiguration configuration) : IDisposable
{
    private sealed record Etat(string? Empreinte, bool Actif);

    private readonly TimeSpan _fraicheur = configuration.GetValue("Securite:FraicheurDesSessions", TimeSpan.FromSeconds(30));

    // Bounded: one entry per account seen in the last moments, and only accounts that exist (a token is signed by us).
    private readonly MemoryCache _etats = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public async Task<bool> EstOuverteAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        return await EtatAsync(id, ct) is { Actif: true } etat
            && etat.Empreinte == principal.FindFirstValue(identite.Value.ClaimsIdentity.SecurityStampClaimType);
    }

    /// <summary>Whether the account exists and is enabled (the creator of an API token, say).</summary>
    public async Task<bool> EstActifAsync(Guid compteId, CancellationToken ct) => await EtatAsync(compteId, ct) is { Actif: true };

    /// <summary>Called where an account's sessions end on this instance: the next request reads its state again.</summary>
    public void Oublier(Guid compteId) => _etats.Remove(compteId);

    private async Task<Etat?> EtatAsync(Guid id, CancellationToken ct)
    {
        if (_etats.TryGetValue(id, out Etat? etat)) return etat;
        await using var scope = scopes.CreateAsyncScope();
        etat = await scope.ServiceProvider.GetRequiredService<LabelsDbContext>().Users.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new Etat(c.SecurityStamp, !c.Desactive)).FirstOrDefaultAsync(ct);
        if (etat is not null)
            _etats.Set(id, etat, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _fraicheur });
        return etat;
    }

    public void Dispose() => _etats.Dispose();
}
