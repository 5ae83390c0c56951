namespace Labels.Application.Commun;

public static class Roles
{
    public const string Admin = "admin";
    public const string Jure = "jure";
    public const string Collectivite = "collectivite";

    public static readonly IReadOnlyList<string> Tous = [Admin, Jure, Collectivite];
}

/// <summary>Who is calling, as the authentication established it.</summary>
public interface IUtilisateurCourant
{
    Guid? Id { get; }
    bool EstDansLeRole(string role);
    /// <summary>The collectivité an account of role <c>collectivite</c> acts for.</summary>
    Guid? CollectiviteId { get; }

    /// <summary>An API token's scopes; null for a person.</summary>
    IReadOnlyCollection<string>? Scopes { get; }

    /// <summary>The client's address (the TCP peer, or the one a configured proxy forwards), for per-client limits.</summary>
    string Adresse { get; }
}
