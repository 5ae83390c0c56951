using Labels.Domain.Editions;

namespace Labels.Application.Editions;

public sealed record MentionDto(string Code, string Nom);

public sealed record ServiceDto(string Code, string Nom);

public sealed record EnjeuDto(string Code, string Nom, IReadOnlyList<ServiceDto> Services);

public sealed record ReferentielDto(IReadOnlyList<EnjeuDto> Enjeux, IReadOnlyList<MentionDto> Mentions)
{
    public static IReadOnlyList<EnjeuDto> EnjeuxDe(Referentiel r) =>
        r.Enjeux.Select(e => new EnjeuDto(e.Code, e.Nom, e.Services.Select(s => new ServiceDto(s.Code, s.Nom)).ToArray())).ToArray();

    public static ReferentielDto De(Referentiel r) =>
        new(EnjeuxDe(r), r.Mentions.Select(m => new MentionDto(m.Code, m.Nom)).ToArray());
}
