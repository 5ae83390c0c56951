using Labels.Api.Securite;
using Labels.Application.Commun;
using Labels.Application.Imports;
using Labels.Domain.Imports;
using Labels.Domain.Securite;
using Labels.Infrastructure.Imports;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Labels.Api.Endpoints;

public static class ImportsEndpoints
{
    public static IEndpointRouteBuilder MapImportsEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1").WithTags("Imports").RequireAuthorization(Politiques.Admin).RequireScope(JetonApi.ScopeImports);

        imports.MapPost("/editions/{annee:int}/imports", ImporterAsync)
            .WithName("ImporterDossiers")
            .WithSummary("Charge une année de dossiers (JSON ou CSV) : tout ou rien, idempotent par clés naturelles ; dryRun=true vérifie sans écrire ; "
                + "async=true (ou un gros fichier) répond 202 avec Location /api/v1/imports/{id}. Le fichier est en UTF-8, sauf charset déclaré "
                + "dans le Content-Type (utf-16, windows-1252, iso-8859-1, iso-8859-15) ; un octet invalide dans son encodage répond 422 avec sa ligne.")
            .Produces<RapportImport>()
            .Produces<RapportImport>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ImportDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // The route's own limit replaces the server's default one; the body is then counted as it streams.
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .WithRequestTimeout(Protections.PolitiqueSansDelai);

        imports.MapGet("/imports/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireImport(id), ct)))
            .WithName("LireImport")
            .WithSummary("L'état d'un import (lignes lues pendant qu'il tourne) et, à la fin, son rapport.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        imports.MapGet("/editions/{annee:int}/imports", async (int annee, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerImports(annee, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerImports")
            .WithSummary("Les imports de l'édition : qui, quand, empreinte SHA-256 du fichier, résultat.");
        return app;
    }

    private static async Task<IResult> ImporterAsync(int annee, bool? dryRun, bool? async, HttpContext http, ISender sender,
        IOptions<OptionsImports> options, CancellationToken ct)
    {
        var limites = options.Value;
        var parties = (http.Request.ContentType ?? "").Split(';');
        var format = parties[0].Trim().ToLowerInvariant() switch
        {
            "application/json" => FormatImport.Json,
            "text/csv" => FormatImport.Csv,
            _ => throw new BadHttpRequestException("Corps attendu : application/json ou text/csv.", StatusCodes.Status415UnsupportedMediaType),
        };
        // Checked before anything is read or spooled: how the bytes are then read is the import's body reader's.
        var charset = parties.Skip(1).Select(p => p.Split('=', 2)).Where(p => p[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Length > 1 ? p[1] : "").FirstOrDefault();
        if (!EncodagesImport.Reconnaitre(charset, out var encodage))
            throw new BadHttpRequestException(EncodagesImport.MessageInconnu(charset!), StatusCodes.Status415UnsupportedMediaType);
        if (http.Request.ContentLength > limites.TailleMax) throw TropGros(limites);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } taille) taille.MaxRequestBodySize = null;
        // The body is counted as it streams and stopped at the limit: the size a chunked body does not declare. The bytes within it
        // are handed on first, so that a run records what it received: its size and SHA-256, taken as the run reads it
        // (Application/Imports/CorpsRecu.cs).
        var corps = new FluxCompte(http.Request.Body, limite: (limites.TailleMax, () => TropGros(limites)));

        if (async == true || http.Request.ContentLength > limites.SeuilAsynchrone)
        {
            await sender.Send(new VerifierImportPossible(annee), ct);
            var nom = OptionsImports.NomDeFichier(Guid.NewGuid(), format);
            var fichier = Path.Combine(limites.DossierEffectif, nom);
            Directory.CreateDirectory(limites.DossierEffectif);
            try
            {
                await using (var sortie = new FileStream(fichier, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    await corps.CopyToAsync(sortie, ct);
                var import = await sender.Send(new PlanifierImport(annee, nom, format, dryRun ?? false, encodage), ct);
                return TypedResults.Accepted($"/api/v1/imports/{import.Id}", import);
            }
            catch
            {
                File.Delete(fichier);
                throw;
            }
        }

        var (id, rapport) = await sender.Send(new ImporterDossiers(annee, corps, format, dryRun ?? false, encodage), ct);
        http.Response.Headers.Location = $"/api/v1/imports/{id}";
        return rapport.Status == StatutImport.Refuse
            ? TypedResults.UnprocessableEntity(rapport)
            : TypedResults.Ok(rapport);
    }

    private static BadHttpRequestException TropGros(OptionsImports limites) =>
        new($"Le fichier dépasse {limites.TailleMax >> 20} Mo.", StatusCodes.Status413PayloadTooLarge);
}
