using Labels.Api.Securite;
using Labels.Application.Cog;
using Mediator;

namespace Labels.Api.Endpoints;

public static class ReferentielEndpoints
{
    public static IEndpointRouteBuilder MapReferentielEndpoints(this IEndpointRouteBuilder app)
    {
        var cog = app.MapGroup("/api/v1/referentiel").WithTags("Référentiel officiel (COG)").LecturePublique();

        cog.MapGet("/communes/{codeInsee}", async (string codeInsee, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireCommune(codeInsee), ct)))
            .WithName("LireCommune")
            .WithSummary("Une commune du Code officiel géographique.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        cog.MapGet("/epci/{siren}", async (string siren, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireEpci(siren), ct)))
            .WithName("LireEpci")
            .WithSummary("Un EPCI du Code officiel géographique, avec ses communes membres.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
