using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Securite;

public sealed record RevoquerJeton(Guid Id) : ICommand;

public sealed class RevoquerJetonHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge) : ICommandHandler<RevoquerJeton>
{
    public async ValueTask<Unit> Handle(RevoquerJeton command, CancellationToken ct)
    {
        var jeton = await db.JetonsApi.FirstOrDefaultAsync(j => j.Id == command.Id, ct) ?? throw new NotFoundException("Jeton introuvable.");
        jeton.Revoquer(horloge.GetUtcNow());
        journal.Enregistrer("jeton.revocation", $"jeton:{jeton.Id}", new { jeton.Nom });
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
