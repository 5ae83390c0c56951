using Labels.Domain.Editions;
using Labels.Domain.Palmares;

namespace Labels.Application.Editions;

public sealed record EditionDto(
    int Annee,
    int Numero,
    StatutEdition Statut,
    bool Historique,
    DateOnly? OuvertureCandidatures,
    DateOnly? ClotureCandidatures,
    DateOnly? ReunionJury,
    DateOnly? Ceremonie,
    int NombreEnjeux,
    int NombreServices,
    IReadOnlyList<MentionDto> Mentions,
    ParametresTen ParametresTen,
    DateTimeOffset CreatedAt)
{
    /// <param name="resultatsVisibles">Whether the reader sees the édition's results (its status says « publiee » only then).</param>
    public static EditionDto De(Edition e, bool resultatsVisibles = true) => new(
        e.Annee, e.Numero, e.StatutVu(resultatsVisibles), e.Historique,
        e.Calendrier.OuvertureCandidatures, e.Calendrier.ClotureCandidatures, e.Calendrier.ReunionJury, e.Calendrier.Ceremonie,
        e.Referentiel.Enjeux.Count, e.Referentiel.NombreServices,
        e.Referentiel.Mentions.Select(m => new MentionDto(m.Code, m.Nom)).ToArray(),
        e.ParametresTen,
        e.CreatedAt);
}
