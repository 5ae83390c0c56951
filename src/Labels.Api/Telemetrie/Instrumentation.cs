using Labels.Api.Securite;
using Labels.Domain.Securite;
using Labels.Infrastructure.Telemetrie;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Labels.Api.Telemetrie;

/// <summary>
/// What operators read of an instance: metrics (HTTP server and client, Kestrel, the runtime, Npgsql, the API's own meter
/// <see cref="MesuresLabels"/>) scraped at <see cref="CheminDesMetriques"/> and, when an OTLP endpoint is configured, pushed there
/// with the traces; logs on the console, one JSON object per line outside Development, each carrying the request's trace id.
/// </summary>
public static class Instrumentation
{
    public const string CheminDesMetriques = "/metrics";
    public const string ReglageJournaux = "Telemetrie:Journaux";

    public static IHostApplicationBuilder AddTelemetrie(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        ConfigurerJournaux(builder.Logging, configuration, builder.Environment);
        var acces = AccesAuxMetriques.Lire(configuration);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Politiques.LecteurDeMetriques, p => p.AddRequirements(acces));

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } nom ? nom : "labels-api"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(MesuresLabels.NomDuMeter)
                    // A scrape reads what is, not what another scrape read up to 300 ms before (the exporter's default): a handful of
                    // scrapers call it, and someone checking a counter by hand must see it move.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (OtlpConfigure(configuration, "METRICS")) m.AddOtlpExporter();
            });
        // Without an exporter, no tracer provider at all: nothing listens to the activity sources, so no span is sampled, recorded or
        // tagged. The request's Activity that ASP.NET Core starts for its log scopes (from traceparent) is there either way.
        if (OtlpConfigure(configuration, "TRACES"))
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(CheminDesMetriques) && !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        return builder;
    }

    /// <summary>
    /// The standard OpenTelemetry variables (read as settings, so a settings file may hold them too): the exporter reads the same
    /// ones, protocol, headers and timeout included.
    /// </summary>
    internal static bool OtlpConfigure(IConfiguration configuration, string signal) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"]);

    private static void ConfigurerJournaux(ILoggingBuilder journaux, IConfiguration configuration, IHostEnvironment environnement)
    {
        // The host's default, said here because the JSON lines rely on it: every line's scopes carry the current Activity's ids,
        // the W3C trace id a proxy sent in traceparent included.
        journaux.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var format = configuration[ReglageJournaux] is { Length: > 0 } f ? f : environnement.IsDevelopment() ? "texte" : "json";
        switch (format)
        {
            case "json":
                journaux.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    // French messages stay readable (« clés », not « cl\u00E9s »): the lines are read by collectors, not put in a page.
                    o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
                    {
                        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                    };
                });
                break;
            case "texte":
                break;
            default:
                throw new InvalidOperationException($"{ReglageJournaux} vaut « {format} » : json ou texte.");
        }
    }

    /// <summary>
    /// The Prometheus scrape endpoint (GET), for <see cref="Politiques.LecteurDeMetriques"/>; a token needs <c>metriques:read</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapMetriques(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(CheminDesMetriques)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithDisplayName("Métriques (Prometheus)")
            .RequireAuthorization(Politiques.LecteurDeMetriques)
            .RequireScope(JetonApi.ScopeMetriques);
        return routes;
    }
}
