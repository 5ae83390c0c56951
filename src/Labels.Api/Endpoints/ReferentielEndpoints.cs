using Labels.Api.Http;
using Labels.Api.Securite;
using Labels.Application.Cog;
using Labels.Application.Commun;
using Mediator;
using Microsoft.Extensions.Options;

namespace Labels.Api.Endpoints;

public static class ReferentielEndpoints
{
    /// <summary>
    /// The régions and départements change only with the COG shipped in the application: a day in any cache, then
    /// revalidated by ETag (a new millésime changes the bytes, hence the ETag).
    /// </summary>
    private const string CacheDuCog = "public, max-age=86400, stale-if-error=86400";

    public static IEndpointRouteBuilder MapReferentielEndpoints(this IEndpointRouteBuilder app)
    {
        var cog = app.MapGroup("/api/v1/referentiel").WithTags("Référentiel officiel (COG)").LecturePublique();

        cog.MapGet("/communes/{codeInsee}", async (string codeInsee, HttpContext http, ISender sender, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
                CancellationToken ct) =>
                LecturesConditionnelles.JsonConditionnel(http, await sender.Send(new LireCommune(codeInsee), ct), json.Value.SerializerOptions, CacheDuCog))
            .WithName("LireCommune")
            .WithSummary("Une commune du Code officiel géographique ; ETag fort, 304, Cache-Control public.")
            .Produces<CommuneDto>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        cog.MapGet("/epci/{siren}", async (string siren, HttpContext http, ISender sender, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
                CancellationToken ct) =>
                LecturesConditionnelles.JsonConditionnel(http, await sender.Send(new LireEpci(siren), ct), json.Value.SerializerOptions, CacheDuCog))
            .WithName("LireEpci")
            .WithSummary("Un EPCI du Code officiel géographique, avec ses communes membres ; ETag fort, 304, Cache-Control public.")
            .Produces<EpciDto>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        cog.MapGet("/regions", async ([AsParameters] PageDemandee pagination, HttpContext http, ISender sender,
                IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
                LecturesConditionnelles.JsonConditionnel(http, await sender.Send(new ListerRegions(pagination.Numero, pagination.Taille), ct),
                    json.Value.SerializerOptions, CacheDuCog))
            .WithName("ListerRegions")
            .WithSummary("Les régions du Code officiel géographique (code, nom), par code, paginées ; ETag fort, 304, Cache-Control public.")
            .Produces<PageDe<RegionDto>>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified);

        cog.MapGet("/departements", async (string? region, [AsParameters] PageDemandee pagination, HttpContext http, ISender sender,
                IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
                LecturesConditionnelles.JsonConditionnel(http,
                    await sender.Send(new ListerDepartements(region, pagination.Numero, pagination.Taille), ct),
                    json.Value.SerializerOptions, CacheDuCog))
            .WithName("ListerDepartements")
            .WithSummary("Les départements du Code officiel géographique (code, nom, région), par code, paginés, filtrables par région ; "
                + "ETag fort, 304, Cache-Control public.")
            .Produces<PageDe<DepartementDto>>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }
}
