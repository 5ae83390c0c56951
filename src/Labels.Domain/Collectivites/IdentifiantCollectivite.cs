using System.Linq.Expressions;
using Labels.Domain.Commun;

namespace Labels.Domain.Collectivites;

/// <summary>
/// How a caller names a collectivité in a URL: the API's identifier (a UUID), a commune's COG code (5 characters) or a SIREN
/// (9 digits: an EPCI's, or a commune's own). Portals know the official codes, not our UUIDs; which form a text is, and
/// whether it is well formed, is decided here once.
/// </summary>
public readonly record struct IdentifiantCollectivite
{
    private IdentifiantCollectivite(Guid? id, string? codeInsee, string? siren) => (Id, CodeInsee, Siren) = (id, codeInsee, siren);

    public Guid? Id { get; }
    public string? CodeInsee { get; }
    public string? Siren { get; }

    public static IdentifiantCollectivite De(Guid id) => new(id, null, null);

    /// <summary>
    /// Reads a COG code (5 characters), a SIREN (9 digits, Luhn check digit) or a UUID; false for anything else. The three
    /// forms cannot be confused: a UUID is never 5 or 9 characters long.
    /// </summary>
    public static bool EssayerLire(string? texte, out IdentifiantCollectivite identifiant)
    {
        identifiant = default;
        if (texte is null) return false;
        if (texte.Length == 5)
        {
            if (!CodesOfficiels.EstCodeInseeValide(texte)) return false;
            identifiant = new(null, texte, null);
            return true;
        }
        if (texte.Length == 9)
        {
            if (!CodesOfficiels.EstSirenValide(texte)) return false;
            identifiant = new(null, null, texte);
            return true;
        }
        if (!Guid.TryParse(texte, out var id)) return false;
        identifiant = new(id, null, null);
        return true;
    }

    /// <summary>The collectivité it names, as an expression a query provider translates.</summary>
    public Expression<Func<Collectivite, bool>> Predicat()
    {
        if (Id is { } id) return c => c.Id == id;
        if (CodeInsee is { } code) return c => c.CodeInsee == code;
        if (Siren is { } siren) return c => c.Siren == siren;
        throw new InvalidOperationException("Identifiant de collectivité vide.");
    }

    public override string ToString() => Id?.ToString() ?? CodeInsee ?? Siren ?? "";
}

public static class CollectivitesDesignees
{
    /// <summary>The collectivité this identifier names (none, or one: each form is unique).</summary>
    public static IQueryable<Collectivite> Designee(this IQueryable<Collectivite> collectivites, IdentifiantCollectivite identifiant) =>
        collectivites.Where(identifiant.Predicat());
}
