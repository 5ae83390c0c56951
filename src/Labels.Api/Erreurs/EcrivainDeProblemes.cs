using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Labels.Api.Erreurs;

/// <summary>
/// Errors are <c>application/problem+json</c> whatever the request's Accept says (a portal asking for CSV still
/// learns why there is none). ASP.NET Core's own writer declines a request that does not accept JSON, which left an
/// empty 500: this one, registered after it, writes what it declines, with the same members (type, traceId).
/// </summary>
internal sealed class EcrivainDeProblemes(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var probleme = context.ProblemDetails;
        probleme.Status ??= http.Response.StatusCode;
        TitresFrancais.Completer(probleme, http);
        probleme.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        return new ValueTask(http.Response.WriteAsJsonAsync(probleme, probleme.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
