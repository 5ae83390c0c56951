using FluentValidation;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;

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
}

public sealed class FicheSaisieValidator : AbstractValidator<FicheSaisie>
{
    private const int NombreMaxCodes = 50;

    public FicheSaisieValidator()
    {
        RuleFor(x => x.Reference).MaximumLength(FicheAction.LongueurMaxReference);
        RuleFor(x => x.Titre).NotEmpty().MaximumLength(FicheAction.LongueurMaxTitre)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Le titre est requis.");
        RuleFor(x => x.Resume).MaximumLength(FicheAction.LongueurMaxResume);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(FicheAction.LongueurMaxDescription)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("La description est requise.");
        RuleFor(x => x.DateDebut).NotEmpty().WithMessage("La date de début est requise.");
        RuleFor(x => x).Custom((x, contexte) =>
        {
            if (FicheAction.DefautDePeriode(x.DateDebut, x.DateFin, x.EnCours) is { } defaut)
                contexte.AddFailure("dateFin", defaut);
        });
        RuleFor(x => x.Services).Must(s => s is null || s.Length <= NombreMaxCodes).WithMessage($"{NombreMaxCodes} codes au plus.");
        RuleFor(x => x.Enjeux).Must(s => s is null || s.Length <= NombreMaxCodes).WithMessage($"{NombreMaxCodes} codes au plus.");
        RuleFor(x => x).Must(x => (x.Services?.Length ?? 0) + (x.Enjeux?.Length ?? 0) > 0).OverridePropertyName("services")
            .WithMessage("Indiquez les services de la fiche, ou ses enjeux quand l'édition n'a pas de services.");
        RuleForEach(x => x.Services).Must(Referentiel.EstCodeValide).WithMessage("Code de service invalide.");
        RuleForEach(x => x.Enjeux).Must(Referentiel.EstCodeValide).WithMessage("Code d'enjeu invalide.");
        RuleFor(x => x.Liens).Must(l => l is null || l.Length <= FicheAction.NombreMaxLiens)
            .WithMessage($"{FicheAction.NombreMaxLiens} liens au plus.");
        RuleForEach(x => x.Liens).Must(FicheAction.EstLienValide).WithMessage("Un lien est une adresse http(s) absolue.");
    }
}
