using System.Text.Json;
using Labels.Application.Palmares;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Labels.Api.Publication;

/// <summary>The key figures of an édition's latest release and their JSON bytes.</summary>
public sealed record ChiffresPublies(ChiffresClesDto Chiffres, Representation Json);

/// <summary>
/// The key figures of an édition's latest release. They count live data beside the frozen release (the fiches of its dossiers,
/// the COG's populations), so they are kept only as long as the "latest version" pointer (<see cref="MemoRecent{T}"/>); a
/// publication on this instance forgets them (<see cref="PalmaresPublies.Invalider"/>).
/// </summary>
public sealed class ChiffresClesPublies(IServiceScopeFactory scopes, IOptions<JsonOptions> json, TimeProvider horloge)
{
    private readonly MemoRecent<ChiffresPublies> _memo = new(horloge);

    internal int NombreMemorise => _memo.Nombre;

    /// <summary>Every édition's: an édition's key figures compare it with the previous one, so a publication changes the next one's too.</summary>
    internal void Vider() => _memo.Vider();

    public Task<ChiffresPublies?> ObtenirAsync(int annee) =>
        PalmaresPublies.EstAnneePossible(annee) ? _memo.ObtenirAsync(annee, CalculerAsync) : Task.FromResult<ChiffresPublies?>(null);

    /// <summary>
    /// The figures this caller may see, or null with the instant they will show at (null when none is due). The latest release is
    /// asked first, from its pointer: figures the caller may not see yet are not computed — an édition under embargo then costs
    /// what an unknown one costs, and the time of its 404 does not tell that a release exists (MemoRecent.cs).
    /// </summary>
    public async Task<(ChiffresPublies? Chiffres, DateTimeOffset? Prochaine)> VisiblesAsync(int annee, Domain.Palmares.Visibilite visibilite,
        PalmaresPublies palmares)
    {
        var (release, prochaine) = await palmares.VisibleAsync(annee, null, visibilite);
        if (release is null) return (null, prochaine);
        var chiffres = await ObtenirAsync(annee);
        return chiffres is not null && visibilite.Voit(chiffres.Chiffres.PublieLe) ? (chiffres, null) : (null, chiffres?.Chiffres.PublieLe);
    }

    private async Task<ChiffresPublies?> CalculerAsync(int annee)
    {
        await using var scope = scopes.CreateAsyncScope();
        var chiffres = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CalculerChiffresCles(annee));
        return chiffres is null
            ? null
            : new ChiffresPublies(chiffres, Representation.De(JsonSerializer.SerializeToUtf8Bytes(chiffres, json.Value.SerializerOptions), Representation.TypeJson));
    }
}
