using Labels.Application.Commun;
using Labels.Application.Comptes;
using Labels.Domain.Commun;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Labels.Infrastructure.Identite;

internal sealed class Comptes(UserManager<Compte> utilisateurs, LabelsDbContext db, Sessions sessions, Connexions connexions) : IComptes
{
    public async Task<(Guid? Id, IReadOnlyDictionary<string, string[]> Erreurs)> CreerAsync(NouveauCompte nouveau, CancellationToken ct)
    {
        var compte = new Compte { Id = Guid.CreateVersion7(), UserName = nouveau.Email, Email = nouveau.Email, CollectiviteId = nouveau.CollectiviteId };
        var resultat = await utilisateurs.CreateAsync(compte, nouveau.MotDePasse);
        if (!resultat.Succeeded)
        {
            if (resultat.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                throw new DomainException(await utilisateurs.FindByEmailAsync(nouveau.Email) is { } existant
                    ? $"Un compte existe déjà pour {nouveau.Email} : {existant.Id}."
                    : $"Un compte existe déjà pour {nouveau.Email}.");
            return (null, resultat.Errors
                .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "motDePasse" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        var role = await utilisateurs.AddToRoleAsync(compte, nouveau.Role);
        if (!role.Succeeded) throw new InvalidOperationException(string.Join("; ", role.Errors.Select(e => e.Description)));
        return (compte.Id, new Dictionary<string, string[]>());
    }

    public async Task<bool> EstDuRoleAsync(Guid compteId, string role, CancellationToken ct) =>
        await utilisateurs.FindByIdAsync(compteId.ToString()) is { } compte && await utilisateurs.IsInRoleAsync(compte, role);

    /// <summary>Initialised by members, not a constructor, so that queries can still filter and sort on it.</summary>
    private sealed class Ligne
    {
        public Guid Id { get; init; }
        public string? Email { get; init; }
        public string? Role { get; init; }
        public Guid? CollectiviteId { get; init; }
        public bool Desactive { get; init; }
    }

    /// <summary>Each account with its role (an account has exactly one, given at creation).</summary>
    private IQueryable<Ligne> AvecRole() =>
        from c in db.Users.AsNoTracking()
        join ur in db.UserRoles on c.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        select new Ligne { Id = c.Id, Email = c.Email, Role = r.Name, CollectiviteId = c.CollectiviteId, Desactive = c.Desactive };

    private static CompteDto Dto(Ligne l) => new(l.Id, l.Email ?? "", l.Role ?? "", l.CollectiviteId, !l.Desactive);

    public async Task<PageDe<CompteDto>> ListerAsync(string? role, int page, int pageSize, CancellationToken ct)
    {
        var q = AvecRole();
        if (role is not null) q = q.Where(c => c.Role == role);
        var lignes = await q.OrderBy(c => c.Email).ThenBy(c => c.Id).PaginerAsync(page, pageSize, ct);
        return new PageDe<CompteDto>(lignes.Items.Select(Dto).ToArray(), lignes.Page, lignes.PageSize, lignes.Total);
    }

    public async Task<CompteDto?> LireAsync(Guid compteId, CancellationToken ct) =>
        await AvecRole().FirstOrDefaultAsync(c => c.Id == compteId, ct) is { } ligne ? Dto(ligne) : null;

    public async Task<IReadOnlyDictionary<Guid, string>> EmailsAsync(IReadOnlyCollection<Guid> comptes, CancellationToken ct)
    {
        if (comptes.Count == 0) return new Dictionary<Guid, string>();
        var ids = comptes.Distinct().ToArray();
        return await db.Users.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Email ?? "", ct);
    }

    public Task VerrouillerLesStatutsAsync(CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242003)", ct);

    public Task<int> CompterAdministrateursActifsAsync(CancellationToken ct) => AvecRole().CountAsync(c => c.Role == Roles.Admin && !c.Desactive, ct);

    public async Task ChangerStatutAsync(Guid compteId, bool actif, CancellationToken ct)
    {
        var compte = await utilisateurs.FindByIdAsync(compteId.ToString()) ?? throw new NotFoundException("Compte introuvable.");
        compte.Desactive = !actif;
        // A new stamp ends every session and refresh token issued so far; re-enabling does not bring them back.
        Verifier(actif ? await utilisateurs.UpdateAsync(compte) : await utilisateurs.UpdateSecurityStampAsync(compte));
        sessions.Oublier(compteId);
    }

    public async Task<IReadOnlyDictionary<string, string[]>> ChangerMotDePasseAsync(Guid compteId, string actuel, string nouveau, string client,
        CancellationToken ct)
    {
        var compte = await utilisateurs.FindByIdAsync(compteId.ToString()) ?? throw new NotFoundException("Compte introuvable.");
        // A stolen access token must not become an unlimited way to guess the password: the login's lock applies.
        var (_, issue) = await connexions.VerifierAsync(compte.Email ?? "", actuel, client, ct);
        if (issue != IssueConnexion.Reussie)
            return new Dictionary<string, string[]> { ["motDePasseActuel"] = ["Le mot de passe actuel n'est pas celui-là (ou trop d'essais : réessayez plus tard)."] };
        var resultat = await utilisateurs.ChangePasswordAsync(compte, actuel, nouveau);
        if (resultat.Succeeded)
        {
            sessions.Oublier(compteId);
            return new Dictionary<string, string[]>();
        }
        return resultat.Errors
            .GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "motDePasseActuel" : "nouveauMotDePasse")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? "Le mot de passe actuel n'est pas celui-là." : e.Description).ToArray());
    }

    private static void Verifier(IdentityResult resultat)
    {
        if (!resultat.Succeeded) throw new InvalidOperationException(string.Join("; ", resultat.Errors.Select(e => e.Description)));
    }
}
