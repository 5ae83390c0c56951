using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

public sealed record FicheDto(
    Guid Id,
    Guid CandidatureId,
    string? Reference,
    string Titre,
    string? Resume,
    string Description,
    DateOnly DateDebut,
    DateOnly? DateFin,
    bool EnCours,
    string[] Services,
    string[] Enjeux,
    string[] Liens,
    bool Retenue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static FicheDto De(FicheAction f, DateOnly? cloture) => new(
        f.Id, f.CandidatureId, f.Reference, f.Titre, f.Resume, f.Description, f.DateDebut, f.DateFin, f.EnCours,
        f.Services, f.Enjeux, f.Liens, f.EstRetenue(cloture), f.CreatedAt, f.UpdatedAt);
}

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

/// <remarks>The command is the saisie itself, so validation errors name the fields the caller sent.</remarks>
public sealed record AjouterFiche : FicheSaisie, ICommand<FicheDto>, IAccesDossier
{
    public AjouterFiche(Guid candidatureId, FicheSaisie saisie) : base(saisie) => CandidatureId = candidatureId;
    public Guid CandidatureId { get; }
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class AjouterFicheValidator : AbstractValidator<AjouterFiche>
{
    public AjouterFicheValidator() => Include(new FicheSaisieValidator());
}

public sealed record ModifierFiche : FicheSaisie, ICommand<FicheDto>, IAccesDossier
{
    public ModifierFiche(Guid candidatureId, Guid ficheId, FicheSaisie saisie) : base(saisie) => (CandidatureId, FicheId) = (candidatureId, ficheId);
    public Guid CandidatureId { get; }
    public Guid FicheId { get; }
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class ModifierFicheValidator : AbstractValidator<ModifierFiche>
{
    public ModifierFicheValidator() => Include(new FicheSaisieValidator());
}

public sealed record SupprimerFiche(Guid CandidatureId, Guid FicheId) : ICommand, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed record LireFiche(Guid CandidatureId, Guid FicheId) : IQuery<FicheDto>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Lecture;
}

public sealed record ListerFiches(Guid CandidatureId, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<FicheDto>>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Lecture;
}

public sealed class ListerFichesValidator : AbstractValidator<ListerFiches>
{
    public ListerFichesValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class FichesHandler(ILabelsDbContext db, Acces acces, Journal journal, TimeProvider horloge)
    : ICommandHandler<AjouterFiche, FicheDto>,
      ICommandHandler<ModifierFiche, FicheDto>,
      ICommandHandler<SupprimerFiche>,
      IQueryHandler<LireFiche, FicheDto>,
      IQueryHandler<ListerFiches, PageDe<FicheDto>>
{
    public async ValueTask<FicheDto> Handle(AjouterFiche command, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerDossierAsync(command.CandidatureId, ct);
        var fiche = FicheAction.Creer(candidature, edition, command.Contenu, acces.EstAdmin, horloge.GetUtcNow());
        db.Fiches.Add(fiche);
        JournaliserCorrection(edition, "correction.fiche.creee", fiche);
        await db.SaveChangesAsync(ct);
        return FicheDto.De(fiche, edition.Calendrier.ClotureCandidatures);
    }

    public async ValueTask<FicheDto> Handle(ModifierFiche command, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerDossierAsync(command.CandidatureId, ct);
        var fiche = await FicheAsync(db.Fiches, candidature, command.FicheId, ct);
        fiche.Modifier(candidature, edition, command.Contenu, acces.EstAdmin, horloge.GetUtcNow());
        JournaliserCorrection(edition, "correction.fiche.modifiee", fiche);
        await db.SaveChangesAsync(ct);
        return FicheDto.De(fiche, edition.Calendrier.ClotureCandidatures);
    }

    public async ValueTask<Unit> Handle(SupprimerFiche command, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerDossierAsync(command.CandidatureId, ct);
        var fiche = await FicheAsync(db.Fiches, candidature, command.FicheId, ct);
        candidature.VerifierFichesModifiables(edition, acces.EstAdmin);
        JournaliserCorrection(edition, "correction.fiche.supprimee", fiche);
        db.Fiches.Remove(fiche);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<FicheDto> Handle(LireFiche query, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerDossierAsync(query.CandidatureId, ct);
        var fiche = await FicheAsync(db.Fiches.AsNoTracking(), candidature, query.FicheId, ct);
        return FicheDto.De(fiche, edition.Calendrier.ClotureCandidatures);
    }

    public async ValueTask<PageDe<FicheDto>> Handle(ListerFiches query, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerDossierAsync(query.CandidatureId, ct);
        var page = await db.Fiches.AsNoTracking().Where(f => f.CandidatureId == candidature.Id)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).PaginerAsync(query.Page, query.PageSize, ct);
        var cloture = edition.Calendrier.ClotureCandidatures;
        return new PageDe<FicheDto>(page.Items.Select(f => FicheDto.De(f, cloture)).ToArray(), page.Page, page.PageSize, page.Total);
    }

    private async Task<(Candidature, Edition)> ChargerDossierAsync(Guid candidatureId, CancellationToken ct)
    {
        var candidature = await db.Candidatures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == candidatureId, ct) ?? throw Acces.Introuvable();
        var edition = await db.Editions.AsNoTracking().ChargerAsync(candidature.EditionAnnee, ct);
        return (candidature, edition);
    }

    /// <summary>A fiche of that dossier only: an id from another dossier is unknown here.</summary>
    private static async Task<FicheAction> FicheAsync(IQueryable<FicheAction> fiches, Candidature candidature, Guid ficheId, CancellationToken ct) =>
        await fiches.FirstOrDefaultAsync(f => f.Id == ficheId && f.CandidatureId == candidature.Id, ct)
        ?? throw new NotFoundException("Fiche introuvable.");

    private void JournaliserCorrection(Edition edition, string action, FicheAction fiche)
    {
        if (!edition.AccepteCandidatures)
            journal.Enregistrer(action, $"fiche:{fiche.Id}", new { edition = edition.Annee, candidatureId = fiche.CandidatureId, titre = fiche.Titre });
    }
}
