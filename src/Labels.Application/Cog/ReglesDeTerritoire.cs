using FluentValidation;

namespace Labels.Application.Cog;

/// <summary>A région or département filter of a list, checked against the COG (<see cref="ITerritoires"/>) as every list does.</summary>
public static class ReglesDeTerritoire
{
    public static void RegleDeRegion<T>(this AbstractValidator<T> validateur, Func<T, string?> region, ITerritoires territoires) =>
        validateur.RuleFor(x => region(x)).Must(c => territoires.DefautDeRegion(c) is null).OverridePropertyName("region")
            .WithMessage(x => territoires.DefautDeRegion(region(x)) ?? "");

    public static void RegleDeDepartement<T>(this AbstractValidator<T> validateur, Func<T, string?> departement, ITerritoires territoires) =>
        validateur.RuleFor(x => departement(x)).Must(c => territoires.DefautDeDepartement(c) is null).OverridePropertyName("departement")
            .WithMessage(x => territoires.DefautDeDepartement(departement(x)) ?? "");

    /// <summary>The région and the département of a list that takes both: each known to the COG, and the one holding the other.</summary>
    public static void ReglesDeRegionEtDepartement<T>(this AbstractValidator<T> validateur, Func<T, string?> region, Func<T, string?> departement,
        ITerritoires territoires)
    {
        validateur.RegleDeRegion(region, territoires);
        validateur.RegleDeDepartement(departement, territoires);
        validateur.RuleFor(x => departement(x)).Must((x, d) => territoires.DefautDuCouple(region(x), d) is null).OverridePropertyName("departement")
            .WithMessage(x => territoires.DefautDuCouple(region(x), departement(x)) ?? "");
    }
}
