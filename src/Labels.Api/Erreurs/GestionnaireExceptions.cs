using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Commun;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Labels.Api.Erreurs;

/// <summary>The one place where exceptions become RFC 9457 problem details.</summary>
internal sealed partial class GestionnaireExceptions(IProblemDetailsService problemes, ILogger<GestionnaireExceptions> journal)
    : IExceptionHandler
{
    private const string SecondesAvantNouvelEssai = "2";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var probleme = exception switch
        {
            ValidationException v => Validation(v),
            DonneeInacceptableException d => new ValidationProblemDetails(d.Defauts.GroupBy(x => CamelCase(x.Champ))
                .ToDictionary(g => g.Key, g => g.Select(x => x.Message).Distinct().ToArray()))
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = "Données inacceptables",
                Detail = string.Join(" ", d.Defauts.Select(x => d.Defauts.Count == 1 ? x.Message : $"{CamelCase(x.Champ)} : {x.Message}")),
            },
            NotFoundException n => Probleme(StatusCodes.Status404NotFound, "Introuvable", n.Message),
            ForbiddenException f => Probleme(StatusCodes.Status403Forbidden, "Interdit", f.Message),
            DomainException d => Probleme(StatusCodes.Status409Conflict, "Conflit", d.Message),
            DbUpdateConcurrencyException => Probleme(StatusCodes.Status412PreconditionFailed, "Modifié entre-temps",
                "La ressource a changé depuis votre lecture ; relisez-la puis recommencez."),
            PreconditionFailedException p => Probleme(StatusCodes.Status412PreconditionFailed, "Précondition non remplie", p.Message),
            PreconditionRequiredException p => Probleme(StatusCodes.Status428PreconditionRequired, "Précondition requise", p.Message),
            // Its message names the record that holds the key (Infrastructure's Unicites).
            UniciteException u => Probleme(StatusCodes.Status409Conflict, "Conflit", u.Message),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } } =>
                Probleme(StatusCodes.Status409Conflict, "Conflit", "Cette ressource est liée à d'autres données."),
            BadHttpRequestException { StatusCode: 413 or 415 } b => Probleme(b.StatusCode,
                b.StatusCode == 413 ? "Requête trop volumineuse" : "Type de contenu non pris en charge", b.Message),
            BadHttpRequestException b => Requete(b, ParametreNonLie.Trouver(http), ParametreNonLie.Endpoint(http)?.Metadata.GetMetadata<IAcceptsMetadata>() is not null),
            Application.Imports.FichierIllisibleException f => Probleme(StatusCodes.Status400BadRequest, "Fichier illisible", f.Message),
            JsonException j => Json(j),
            // A passing failure of the database: the request may succeed in a moment (after the mappings above, so that a
            // deadlock the import answers 409 stays a 409).
            _ when PanneDeBase.Est(exception) => Probleme(StatusCodes.Status503ServiceUnavailable, "Service momentanément indisponible",
                "La base de données ne répond pas pour l'instant ; réessayez dans quelques secondes."),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (probleme is null)
        {
            if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true;
            // The one log of an unexpected failure (EF's own logs of a failing statement are Debug, see CommandesEnEchec).
            if (Infrastructure.Persistance.CommandesEnEchec.Sql(exception) is { } sql)
                journal.LogError(exception, "Erreur inattendue sur {Methode} {Chemin} ; commande SQL en échec : {Sql}", http.Request.Method,
                    http.Request.Path, sql);
            else journal.LogError(exception, "Erreur inattendue sur {Methode} {Chemin}", http.Request.Method, http.Request.Path);
            probleme = Probleme(StatusCodes.Status500InternalServerError, "Erreur interne",
                "Une erreur inattendue s'est produite ; elle a été journalisée.");
        }
        if (probleme.Status == StatusCodes.Status400BadRequest && ChampDe(exception, http) is { } champ) TitresFrancais.NommerChamp(http, champ);
        http.Response.StatusCode = probleme.Status!.Value;
        if (probleme.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = SecondesAvantNouvelEssai;
            journal.LogWarning(exception, "Base de données indisponible sur {Methode} {Chemin}", http.Request.Method, http.Request.Path);
        }
        return await problemes.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = probleme, Exception = exception });
    }

    private static ValidationProblemDetails Validation(ValidationException v)
    {
        var erreurs = v.Errors.GroupBy(e => CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(erreurs)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Données invalides",
            Detail = string.Join(" ", erreurs.Select(e => $"{e.Key} : {e.Value[0]}")),
        };
    }

    private static ProblemDetails Probleme(int status, string titre, string detail) =>
        new() { Status = status, Title = titre, Detail = detail };

    /// <summary>The field or parameter a malformed request is about: its JSON path, or the parameter that failed to bind.</summary>
    private static string? ChampDe(Exception exception, HttpContext http) => exception switch
    {
        JsonException j when Manquantes(j) is [var premiere, ..] => premiere,
        JsonException { Path: { Length: > 1 } chemin } => chemin.StartsWith("$.", StringComparison.Ordinal) ? chemin[2..] : chemin,
        BadHttpRequestException { InnerException: JsonException j } => ChampDe(j, http),
        // The body as a whole (null, absent) is the request's: its parameter's name in the code says nothing to a caller.
        BadHttpRequestException => ParametreNonLie.Trouver(http)?.Nom,
        _ => null,
    };

    /// <summary>A malformed request; <see cref="ChampDe"/> names in <c>errors</c> the field or parameter it is about.</summary>
    private static ProblemDetails Invalide(string detail) => Probleme(StatusCodes.Status400BadRequest, "Requête invalide", detail);

    /// <summary>
    /// The framework's binding failures said as a caller reads them: which parameter, what it takes, what it got — found from the
    /// endpoint's parameters (<see cref="ParametreNonLie"/>); otherwise it is the body that could not be read.
    /// </summary>
    private static ProblemDetails Requete(BadHttpRequestException b, ParametreNonLie? parametre, bool corps)
    {
        if (b.InnerException is JsonException j) return Json(j);
        if (parametre is { Recu: { } recu })
            return Invalide($"Le paramètre {parametre.Nom} attend {ValeursAttendues.De(parametre.Type)} ; reçu « {ChaineSansNul.Citer(recu)} ».");
        // A text is any text in a query string or a route: « entre guillemets » is said of JSON.
        if (parametre is not null)
            return Invalide(parametre.Type == typeof(string) ? $"Le paramètre {parametre.Nom} est requis."
                : $"Le paramètre {parametre.Nom} est requis : {ValeursAttendues.De(parametre.Type)}.");
        if (b.StatusCode == 413) return Probleme(b.StatusCode, "Requête trop volumineuse", "Le corps de la requête dépasse la taille permise.");
        return Invalide(corps ? "Le corps de la requête est absent ou vaut null : un objet JSON est attendu." : "La requête est mal formée.");
    }

    /// <summary>
    /// A body the serializer refused: where (its JSON path) and why — a value of the wrong kind says what it takes; our converters
    /// say their own reason (<see cref="ValeurJsonRefusee"/>).
    /// </summary>
    private static ProblemDetails Json(JsonException j)
    {
        // Each missing property under its own name, as a validator reports its fields.
        if (Manquantes(j) is { Count: > 0 } manquantes)
            return new ValidationProblemDetails(manquantes.ToDictionary(m => m, m => new[] { $"{m} est requis." }))
            {
                Status = StatusCodes.Status400BadRequest, Title = "Requête invalide", Detail = string.Join(" ", manquantes.Select(m => $"{m} est requis.")),
            };
        if (j.Path is not { Length: > 2 } chemin || !chemin.StartsWith("$.", StringComparison.Ordinal) && !chemin.StartsWith("$[", StringComparison.Ordinal))
            return Invalide(j is ValeurJsonRefusee ? j.Message
                // Well-formed JSON of the wrong kind at the root (a list for an object): what the body should be.
                : ValeursAttendues.De(j) is { } racine && j.Path == "$" ? $"Le corps de la requête attend {racine}."
                : $"Le corps de la requête n'est pas du JSON valide (ligne {j.LineNumber + 1}, position {j.BytePositionInLine + 1}).");
        var message = j is ValeurJsonRefusee ? $"{chemin} : {j.Message}"
            : ValeursAttendues.De(j) is { } attendu ? $"{chemin} attend {attendu}."
            : j.Message.Contains("could not be mapped", StringComparison.Ordinal) ? $"{chemin} : propriété inconnue."
            : j.Message.Contains("uplicate", StringComparison.Ordinal) ? $"{chemin} : propriété en double."
            : $"{chemin} : JSON mal formé (ligne {j.LineNumber + 1}, position {j.BytePositionInLine + 1}).";
        return Invalide(message);
    }

    /// <summary>
    /// The required properties a body left out (<see cref="ProprietesRequises"/>), with their JSON path. The serializer says
    /// which only in its message (« … missing required properties including: 'qualite'. »), which is read here, in one place.
    /// </summary>
    private static List<string>? Manquantes(JsonException j)
    {
        if (ProprietesManquantes().Match(j.Message) is not { Success: true } m) return null;
        var objet = j.Path is { Length: > 1 } chemin ? chemin.TrimStart('$').TrimStart('.') + "." : "";
        return m.Groups["noms"].Captures.Select(c => objet + c.Value).ToList();
    }

    [GeneratedRegex("""missing required properties including: (?:'(?<noms>[^']+)'(?:, )?)+""")]
    private static partial Regex ProprietesManquantes();

    /// <summary>Validation paths follow the JSON names (camelCase) the caller sent.</summary>
    /// <remarks>A header's name (<c>If-Match</c>) is kept as HTTP writes it.</remarks>
    internal static string CamelCase(string chemin) => string.Join('.', chemin.Split('.').Select(s =>
        s.Length == 0 || char.IsLower(s[0]) || s.Contains('-') ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
