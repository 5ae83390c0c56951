using Labels.Domain.Jury;

namespace Labels.Application.Jury;

/// <summary>A juror's territories as the API answers them: each list always there, empty when none.</summary>
public sealed record AttachesDuJure(string[] CodesInsee, string[] Sirens, string[] Departements);

/// <summary>
/// A member of the jury as administrators see it. Accounts have no name of their own: a juror is known by the e-mail address
/// of their account (<see cref="Email"/>).
/// </summary>
public sealed record JureDto(Guid Id, int Edition, Guid CompteId, string Email, QualiteJure Qualite, AttachesDuJure Attaches,
    string[] DepartementsEffectifs, Guid[] Conflits)
{
    public static JureDto De(MembreJury j, string email) => new(j.Id, j.EditionAnnee, j.CompteId, email, j.Qualite,
        new AttachesDuJure(j.CodesInsee, j.Sirens, j.Departements), j.DepartementsEffectifs, j.Conflits);
}
