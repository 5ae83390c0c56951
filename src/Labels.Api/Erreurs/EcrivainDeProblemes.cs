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
    private static readonly Dictionary<int, string> Sections = new()
    {
        [400] = "15.5.1", [401] = "15.5.2", [403] = "15.5.4", [404] = "15.5.5", [405] = "15.5.6", [406] = "15.5.7",
        [409] = "15.5.10", [412] = "15.5.13", [413] = "15.5.14", [415] = "15.5.16", [422] = "15.5.21", [500] = "15.6.1",
        [503] = "15.6.4",
    };

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var probleme = context.ProblemDetails;
        probleme.Status ??= http.Response.StatusCode;
        TitresFrancais.Completer(probleme, http);
        if (probleme.Type is null && Sections.TryGetValue(probleme.Status.Value, out var section))
            probleme.Type = $"https://tools.ietf.org/html/rfc9110#section-{section}";
        probleme.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        return new ValueTask(http.Response.WriteAsJsonAsync(probleme, probleme.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
