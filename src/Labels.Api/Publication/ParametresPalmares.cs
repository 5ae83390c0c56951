using Labels.Api.Endpoints;
using Labels.Domain.Collectivites;

namespace Labels.Api.Publication;

/// <summary>
/// The palmarès' query, in one place. The endpoint binds it (<c>[AsParameters]</c>: the document's parameters are these), the
/// anonymous fast path reads it from the query string (<see cref="EssayerLire"/>), and both make of it the same
/// <see cref="FiltresPalmares"/>. A new filter is a member here, its line in <see cref="EssayerLire"/>, and its test in
/// <see cref="FiltresPalmares"/>.
/// </summary>
/// <remarks>The members are named as the query names them, as <see cref="PageDemandee"/>'s are: a value that does not bind is
/// reported under the member's name (<c>Erreurs/ParametreNonLie.cs</c>).</remarks>
#pragma warning disable IDE1006
public sealed record ParametresPalmares(int? version, string? region, string? departement, string? categorie, int? arobases, string? mention)
#pragma warning restore IDE1006
{
    private static readonly ParametresPalmares Aucun = new(null, null, null, null, null, null);

    /// <summary>The filters, for the endpoint: a catégorie outside the set is a 400 naming it.</summary>
    public FiltresPalmares Filtres() =>
        new(region, departement, ParametresDeRequete.Enum<Categorie>(categorie, nameof(categorie)), arobases, mention);

    /// <summary>
    /// For the fast path: each member at most once and in its plain form, else false and the request goes to the endpoint,
    /// whose binding and validation answer as they always do. Other names are ignored, as the endpoint ignores them.
    /// </summary>
    public static bool EssayerLire(IQueryCollection requete, out ParametresPalmares parametres, out FiltresPalmares filtres)
    {
        parametres = Aucun;
        filtres = FiltresPalmares.Aucun;
        if (requete.Count == 0) return true;
        Categorie? enumeree = null;
        foreach (var (nom, valeurs) in requete)
        {
            var cle = nom.ToLowerInvariant();
            if (cle is not (nameof(version) or nameof(region) or nameof(departement) or nameof(categorie) or nameof(arobases) or nameof(mention)))
                continue;
            if (valeurs.Count != 1 || valeurs[0] is not { Length: > 0 } valeur) return false;
            switch (cle)
            {
                case nameof(version) when EntierSimple(valeur, out var v):
                    parametres = parametres with { version = v };
                    break;
                case nameof(arobases) when EntierSimple(valeur, out var a):
                    parametres = parametres with { arobases = a };
                    break;
                case nameof(categorie) when ParametresDeRequete.EssayerEnum<Categorie>(valeur, out var c):
                    (parametres, enumeree) = (parametres with { categorie = valeur }, c);
                    break;
                case nameof(region):
                    parametres = parametres with { region = valeur };
                    break;
                case nameof(departement):
                    parametres = parametres with { departement = valeur };
                    break;
                case nameof(mention):
                    parametres = parametres with { mention = valeur };
                    break;
                default:
                    return false;
            }
        }
        filtres = new FiltresPalmares(parametres.region, parametres.departement, enumeree, parametres.arobases, parametres.mention);
        return true;
    }

    private static bool EntierSimple(string valeur, out int entier)
    {
        entier = 0;
        if (valeur.Length > 9) return false;
        foreach (var c in valeur)
            if (!char.IsAsciiDigit(c)) return false;
        entier = int.Parse(valeur, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
