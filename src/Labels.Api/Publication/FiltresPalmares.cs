using Labels.Application.Palmares;
using Labels.Domain.Collectivites;

namespace Labels.Api.Publication;

/// <summary>What a reader of the palmarès keeps of it: by région, département, catégorie, arobases or mention.</summary>
public sealed record FiltresPalmares(string? Region, string? Departement, Categorie? Categorie, int? Arobases, string? Mention)
{
    public static readonly FiltresPalmares Aucun = new(null, null, null, null, null);

    public bool Vides => this == Aucun;

    /// <summary>
    /// What is wrong with these filters and the version asked, by parameter, as the document bounds them: the endpoint answers
    /// 400 with them; the fast path leaves such a request to the endpoint.
    /// </summary>
    public IEnumerable<FluentValidation.Results.ValidationFailure> Defauts(int? version, Application.Cog.ITerritoires territoires)
    {
        if (version is < 1) yield return new("version", "Une version se compte à partir de 1.");
        if (territoires.DefautDeRegion(Region) is { } region) yield return new("region", region);
        if (territoires.DefautDeDepartement(Departement) is { } departement) yield return new("departement", departement);
        if (territoires.DefautDuCouple(Region, Departement) is { } couple) yield return new("departement", couple);
        if (Arobases is { } a && !Domain.Distinctions.Distinction.ArobasesPossibles(a)) yield return new("arobases", Domain.Distinctions.Distinction.MessageArobases);
        if (Mention is not null && !Domain.Editions.Referentiel.EstCodeValide(Mention)) yield return new("mention", "Code de mention invalide.");
    }

    /// <summary>The same faults as <see cref="Defauts"/>, all of them in a 400.</summary>
    public void Verifier(int? version, Application.Cog.ITerritoires territoires)
    {
        if (Defauts(version, territoires).ToList() is { Count: > 0 } defauts) throw new FluentValidation.ValidationException(defauts);
    }

    public bool Retient(LaureatDto l) =>
        (Region is null || l.Region == Region)
        && (Departement is null || l.Departement == Departement)
        && (Categorie is null || l.Categorie == Categorie)
        && (Arobases is null || l.Arobases == Arobases)
        && (Mention is null || l.Mentions.Contains(Mention));
}
