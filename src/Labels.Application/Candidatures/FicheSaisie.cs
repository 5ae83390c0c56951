using FluentValidation;
using Labels.Domain.Candidatures;

namespace Labels.Application.Candidatures;

/// <summary>What a caller sends to write a fiche action.</summary>
public record FicheSaisie(
    string? Reference,
    string Titre,
    string? Resume,
    string Description,
    DateOnly DateDebut,
    DateOnly? DateFin,
    bool EnCours,
    string[]? Services,
    string[]? Enjeux,
    string[]? Liens)
{
    /// <summary>The fields above as the domain takes them; not a field of the request.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ContenuFiche Contenu => new(Reference, Titre, Resume, Description, DateDebut, DateFin, EnCours,
        Services ?? [], Enjeux ?? [], Liens ?? []);

    /// <summary>The same, before its checks (a date the reader left at its default is no date).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public FicheProposee Proposee => new(Reference, Titre, Resume, Description, DateDebut == default ? null : DateDebut, DateFin, EnCours,
        Services ?? [], Enjeux ?? [], Liens ?? []);
}

/// <summary>The rules of a fiche are the entity's (<see cref="FicheAction.Defauts"/>): this reports them all, as a 400.</summary>
public sealed class FicheSaisieValidator : AbstractValidator<FicheSaisie>
{
    public FicheSaisieValidator() => RuleFor(x => x).Custom((x, contexte) =>
    {
        foreach (var (champ, message) in FicheAction.Defauts(x.Proposee)) contexte.AddFailure(champ, message);
    });
}
