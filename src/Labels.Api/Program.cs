using Labels.Api.Http;
using Labels.Api;
using Labels.Api.Endpoints;
using Labels.Api.Publication;
using Labels.Api.Securite;
using Labels.Api.Telemetrie;
using Labels.Application;
using Labels.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The application's own folder (appsettings.json is copied there), not the current directory: started from
    // the repository, the configuration's file watcher would otherwise follow every write of the tree, the local
    // PostgreSQL cluster's included, and spend a share of the CPU on it during imports.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddApi(builder.Configuration);
builder.AddTelemetrie();

var app = builder.Build();
await app.Services.InitialiserAsync();

// Behind the configured proxies, the client's address and scheme for everything below (Proxys:Connus, Proxys:Reseaux).
app.UseProxys();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseEntetesDeSecurite();
app.UseChaineDeRequeteVerifiee();
// Outside development, clients reach the API over HTTPS (a reverse proxy terminating TLS may turn this off).
if (app.Configuration.GetValue("Securite:HttpsObligatoire", !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")))
{
    app.UseHsts();
    app.UseHttpsRedirection();
}
// Anonymous palmarès reads are answered from memory before routing and the rest of the pipeline.
app.UseMiddleware<VoieRapidePalmares>();
app.UseRouting();
// OpenAPI 3.1: its schemas are JSON Schema (2020-12), which clients' generators and validators read as they are.
app.UseSwagger(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);
app.UseSwaggerUI(o => o.DocumentTitle = "Labels API");
app.UseRoutesInconnues();
app.UseCors();
// Limits before authentication: a client past its allowance costs no token lookup either.
app.UseRateLimiter();
app.UseLimiteLecturePublique();
app.UseSchemaBearerCanonique();
app.UseAuthentication();
app.UseIdentifiantsVerifies();
app.UseAuthorization();
app.UseMiddleware<VerificationDesScopes>();
app.UseNegociation();
app.UseCorpsJson();
app.UseLimiteDeCorps(app.Configuration.GetValue("LimitesDeCorps:Octets", 1L << 20));
app.UseRequestTimeouts();

// Every route answers the browsers of the configured origins (Cors:Origines); public reads replace this with their open policy.
var routes = app.MapGroup("").OuvertAuxApplications();
routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Sante.EcrireAsync })
    .AllowAnonymous();

routes.MapAuthEndpoints()
    .MapReferentielEndpoints()
    .MapCollectivitesEndpoints()
    .MapComptesEndpoints()
    .MapEditionsEndpoints()
    .MapCandidaturesEndpoints()
    .MapJuryEndpoints()
    .MapPalmaresEndpoints()
    .MapImportsEndpoints()
    .MapAuditEndpoints()
    .MapJetonsEndpoints()
    .MapWebhooksEndpoints()
    .MapPagesEndpoints()
    .MapMetriques();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
