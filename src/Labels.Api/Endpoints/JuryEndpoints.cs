using Labels.Api.Securite;
using Labels.Application.Commun;
using Labels.Application.Jury;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Labels.Api.Endpoints;

public sealed record GrilleSaisie(IReadOnlyList<CritereDto> Criteres, IReadOnlyList<decimal> SeuilsArobases);

public sealed record JureSaisi(Guid CompteId, QualiteJure Qualite, AttachesDto? Attaches, Guid[]? Conflits);

public sealed record AffectationsSaisies(IReadOnlyList<PaireDto> Affectations);

public sealed record RepartitionSaisie(int? JuresParDossier);

public sealed record EvaluationSaisie(Dictionary<string, decimal> Notes, string? Commentaire, bool Soumise);

public sealed record DecisionSaisie(int Arobases, string[]? Mentions, string? Justification);

public sealed record PropositionsAccepteesDto(int Decisions);

public static class JuryEndpoints
{
    public static IEndpointRouteBuilder MapJuryEndpoints(this IEndpointRouteBuilder app)
    {
        var jury = app.MapGroup("/api/v1").WithTags("Jury");
        // The administration runs the jury; a juror reads the grid and writes their own evaluations (the roles of docs/securite.md).
        var administration = jury.MapGroup("").RequireAuthorization(Politiques.Admin);
        var jures = jury.MapGroup("").RequireAuthorization(Politiques.Jure);
        var edition = administration.MapGroup("/editions/{annee:int}").ProducesProblem(StatusCodes.Status404NotFound);
        var candidature = administration.MapGroup("/candidatures/{id:guid}").ProducesProblem(StatusCodes.Status404NotFound);
        var candidatureDuJure = jures.MapGroup("/candidatures/{id:guid}").ProducesProblem(StatusCodes.Status404NotFound);

        // The jurors score with it: its criteria name the keys of their notes.
        jury.MapGet("/editions/{annee:int}/grille", async (int annee, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireGrille(annee), ct)))
            .RequireAuthorization(Politiques.AdminOuJure)
            .WithName("LireGrille")
            .WithSummary("La grille de notation de l'édition et ses seuils d'arobases : aux administrateurs et aux jurés qui siègent dans son jury.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        edition.MapPut("/grille", async (int annee, GrilleSaisie saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DefinirGrille(annee, saisie.Criteres, saisie.SeuilsArobases), ct)))
            .WithName("DefinirGrille")
            .WithSummary("La grille de notation et les seuils (0–100) de 2, 3, 4 et 5 @ ; critères figés dès l'évaluation.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        edition.MapPost("/jures", async (int annee, JureSaisi saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Created($"/api/v1/editions/{annee}/jures", await sender.Send(
                    new NommerJure(annee, saisie.CompteId, saisie.Qualite, saisie.Attaches, saisie.Conflits), ct)))
            .WithName("NommerJure")
            .WithSummary("Fait d'un compte de rôle jure un membre du jury, avec ses territoires d'attache et ses conflits déclarés.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        edition.MapGet("/jures", async (int annee, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerJures(annee, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerJures")
            .WithSummary("Les membres du jury de l'édition, avec l'e-mail de leur compte, paginés.");

        edition.MapPost("/affectations", async (int annee, AffectationsSaisies saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AffecterDossiers(annee, saisie.Affectations), ct)))
            .WithName("AffecterDossiers")
            .WithSummary("Affecte un lot de dossiers : tout ou rien ; 409 si une paire est en conflit d'intérêts.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        edition.MapPost("/affectations/auto", async (int annee, RepartitionSaisie saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AffecterAutomatiquement(annee, saisie.JuresParDossier ?? 3), ct)))
            .WithName("AffecterAutomatiquement")
            .WithSummary("Répartit chaque dossier déposé entre N jurés (3 par défaut), sans conflit, charges à un près ; remplace les affectations tant qu'aucune évaluation n'est commencée.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        edition.MapGet("/affectations", async (int annee, Guid? jureId, Guid? candidatureId, [AsParameters] PageDemandee pagination, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerAffectations(annee, jureId, candidatureId, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerAffectations")
            .WithSummary("Les affectations de dossiers aux jurés (et l'e-mail de leur compte), filtrables par juré ou par dossier, paginées.");

        edition.MapGet("/deliberation", async (int annee, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireDeliberation(annee, pagination.Numero, pagination.Taille), ct)))
            .WithName("LireDeliberation")
            .WithSummary("Par dossier déposé : évaluations soumises, moyenne, médiane, écart type, moyenne corrigée de la sévérité des jurés, désaccord, enjeux couverts, arobases proposées, décision.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        edition.MapGet("/deliberation/jures", async (int annee, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireStatistiquesJures(annee, pagination.Numero, pagination.Taille), ct)))
            .WithName("LireStatistiquesJures")
            .WithSummary("Par juré (et l'e-mail de son compte) : dossiers affectés, évaluations soumises, moyenne et écart type de ses scores, paginés.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        edition.MapPost("/deliberation/propositions", async (int annee, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(new PropositionsAccepteesDto(await sender.Send(new AccepterPropositions(annee), ct))))
            .WithName("AccepterPropositions")
            .WithSummary("Accepte la proposition de chaque dossier qui n'a pas encore de décision.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        candidatureDuJure.MapGet("/evaluations/moi", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var evaluation = await sender.Send(new LireMonEvaluation(id), ct);
                http.Response.Headers.ETag = evaluation.ETag;
                return TypedResults.Ok(evaluation);
            })
            .WithName("LireMonEvaluation")
            .WithSummary("L'évaluation du juré appelant sur ce dossier, avec son ETag ; 404 tant qu'il n'a rien écrit.");

        candidatureDuJure.MapPut("/evaluations/moi", async (Guid id, EvaluationSaisie saisie, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var evaluation = await sender.Send(new EcrireMonEvaluation(id, saisie.Notes, saisie.Commentaire, saisie.Soumise,
                    PreconditionIfMatch(http.Request)), ct);
                http.Response.Headers.ETag = evaluation.ETag;
                return TypedResults.Ok(evaluation);
            })
            .WithName("EcrireMonEvaluation")
            .WithSummary("Écrit les notes (brouillon ou soumises) ; la première écriture sans précondition, les suivantes avec If-Match "
                + "(l'ETag lu, une liste d'ETags ou * ; 428 sans, 412 périmé).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        candidature.MapGet("/evaluations/historique", async (Guid id, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireHistoriqueEvaluations(id, pagination.Numero, pagination.Taille), ct)))
            .WithName("LireHistoriqueEvaluations")
            .WithSummary("Chaque changement des évaluations du dossier : qui, quand, avant, après.");

        candidature.MapPut("/decision", async (Guid id, DecisionSaisie saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DeciderDistinction(id, saisie.Arobases, saisie.Mentions, saisie.Justification), ct)))
            .WithName("DeciderDistinction")
            .WithSummary("La décision du jury : arobases et mentions ; justification requise quand elle s'écarte de la proposition.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        jures.MapGet("/jures/moi/affectations", async (int edition, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerMesAffectations(edition, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerMesAffectations")
            .WithSummary("Les dossiers affectés au juré appelant dans l'édition, et l'état de ses évaluations.");
        return app;
    }

    /// <summary>The request's If-Match, parsed as RFC 9110 writes it (a list, or *); a malformed one is a 400.</summary>
    private static SiCorrespond? PreconditionIfMatch(HttpRequest requete)
    {
        var valeurs = requete.Headers.IfMatch;
        if (valeurs.Count == 0) return null;
        if (!Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParseStrictList(valeurs, out var etiquettes) || etiquettes.Count == 0)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("If-Match",
                "If-Match mal formé : une liste d'ETags entre guillemets (\"…\"), ou *.")]);
        return new SiCorrespond(etiquettes.Any(e => e.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any)),
            etiquettes.Where(e => !e.IsWeak && !e.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any)).Select(e => e.Tag.ToString()).ToArray());
    }
}
