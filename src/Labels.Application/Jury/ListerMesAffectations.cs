using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public enum EtatEvaluation { AFaire, Brouillon, Soumise }

public sealed record DossierAssigneDto(
    Guid CandidatureId, Guid CollectiviteId, string Nom, Categorie Categorie, string? Departement, int NombreFiches,
    EtatEvaluation Evaluation, int? Version);

/// <summary>The dossiers assigned to the calling juror in one édition, with the state of their evaluations.</summary>
public sealed record ListerMesAffectations(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<DossierAssigneDto>>;

public sealed class ListerMesAffectationsValidator : AbstractValidator<ListerMesAffectations>
{
    public ListerMesAffectationsValidator()
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Annee).InclusiveBetween(Domain.Editions.Edition.PremiereAnnee, Domain.Editions.Edition.DerniereAnnee).OverridePropertyName("edition");
    }
}

public sealed class ListerMesAffectationsHandler(ILabelsDbContext db, IUtilisateurCourant utilisateur)
    : IQueryHandler<ListerMesAffectations, PageDe<DossierAssigneDto>>
{
    public async ValueTask<PageDe<DossierAssigneDto>> Handle(ListerMesAffectations query, CancellationToken ct)
    {
        var compte = utilisateur.CompteDuJure();
        var q = from a in db.Affectations.AsNoTracking()
                join j in db.Jures on a.JureId equals j.Id
                join c in db.Candidatures on a.CandidatureId equals c.Id
                join col in db.Collectivites on c.CollectiviteId equals col.Id
                where j.CompteId == compte && a.EditionAnnee == query.Annee
                let e = db.Evaluations.FirstOrDefault(e => e.CandidatureId == a.CandidatureId && e.JureId == a.JureId)
                orderby col.Nom, c.Id
                select new DossierAssigneDto(c.Id, col.Id, col.Nom, col.Categorie, col.Departement,
                    db.Fiches.Count(f => f.CandidatureId == c.Id),
                    e == null ? EtatEvaluation.AFaire : e.Soumise ? EtatEvaluation.Soumise : EtatEvaluation.Brouillon,
                    e == null ? null : e.Version);
        return await q.PaginerAsync(query.Page, query.PageSize, ct);
    }
}
