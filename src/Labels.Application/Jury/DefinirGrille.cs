using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Editions;
using Mediator;

namespace Labels.Application.Jury;

public sealed record DefinirGrille(int Annee, IReadOnlyList<CritereDto> Criteres, IReadOnlyList<decimal> SeuilsArobases) : ICommand<GrilleDto>
{
    public IReadOnlyList<Critere> CriteresDuDomaine() =>
        (Criteres ?? []).Select(c => new Critere(c.Code, c.Nom, c.Min, c.Max, c.Poids, c.CompteDansLeTotal)).ToArray();
}

public sealed class DefinirGrilleValidator : AbstractValidator<DefinirGrille>
{
    public DefinirGrilleValidator()
    {
        RuleFor(x => x.Criteres).NotEmpty().Must(c => c is null || c.Count <= 50).WithMessage("De 1 à 50 critères.");
        RuleFor(x => x.SeuilsArobases).NotNull();
        RuleFor(x => x).Custom((x, contexte) =>
        {
            if (x.Criteres is null || x.SeuilsArobases is null) return;
            foreach (var (chemin, message) in Domain.Editions.Grille.Defauts(x.CriteresDuDomaine(), x.SeuilsArobases))
                contexte.AddFailure(chemin, message);
        });
    }
}

public sealed class DefinirGrilleHandler(ILabelsDbContext db, Journal journal) : ICommandHandler<DefinirGrille, GrilleDto>
{
    public async ValueTask<GrilleDto> Handle(DefinirGrille command, CancellationToken ct)
    {
        var edition = await db.Editions.ChargerAsync(command.Annee, ct);
        edition.DefinirGrille(Domain.Editions.Grille.Creer(command.CriteresDuDomaine(), command.SeuilsArobases));
        journal.Enregistrer("edition.grille", $"edition:{edition.Annee}", GrilleDto.De(edition.Grille));
        await db.SaveChangesAsync(ct);
        return GrilleDto.De(edition.Grille);
    }
}
