using Labels.Domain.Candidatures;

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
