using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Labels.Api.Tests;

/// <summary>The served OpenAPI document as client authors and their generators read it.</summary>
public sealed class OpenApiTests(LabelsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Redocly_et_spectral_ne_trouvent_aucune_erreur()
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"labels-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(fichier, await Anonyme().GetStringAsync("/swagger/v1/swagger.json"));
        try
        {
            var (code, sortie, erreurs) = await ScriptsDuDepot.ExecuterAsync("openapi-lint.sh", [fichier]);
            Assert.True(code == 0, sortie + erreurs);
        }
        finally
        {
            File.Delete(fichier);
        }
    }

    [Fact]
    public async Task Chaque_reponse_est_decrite_en_francais_avec_les_en_tetes_qu_elle_porte()
    {
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!;
        var ecarts = new List<string>();
        foreach (var (chemin, item) in document["paths"]!.AsObject())
            foreach (var (methode, operation) in item!.AsObject())
                foreach (var (code, reponse) in operation!["responses"]!.AsObject())
                {
                    var quoi = $"{methode} {chemin} {code}";
                    var description = reponse!["description"]!.GetValue<string>();
                    // An HTTP reason phrase, whichever table it comes from (« Unprocessable Entity », « Content Too Large »), is English.
                    if (description == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(int.Parse(code))
                        || System.Text.RegularExpressions.Regex.IsMatch(description, "^[A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*$"))
                        ecarts.Add($"{quoi} : « {description} »");
                    if (code is "429" or "503" && reponse["headers"]?["Retry-After"] is null) ecarts.Add($"{quoi} : Retry-After");
                    if (code == "201" && operation["operationId"]!.GetValue<string>() != "CreerCompte" && reponse["headers"]?["Location"] is null)
                        ecarts.Add($"{quoi} : Location");
                }
        Assert.Empty(ecarts);
    }

    [Fact]
    public async Task Ce_qu_une_reponse_ecrit_toujours_est_requis_et_ce_qu_elle_omet_n_est_jamais_null()
    {
        var schemas = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!["components"]!["schemas"]!.AsObject();
        string[] Requis(string nom) => schemas[nom]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order().ToArray();
        // Every problem carries its type, title, status, detail and traceId (Erreurs/TitresFrancais): a client reads them as there.
        Assert.Equal(["detail", "status", "title", "traceId", "type"], Requis("ProblemDetails"));
        Assert.Equal(["detail", "errors", "status", "title", "traceId", "type"], Requis("HttpValidationProblemDetails"));
        // An import error has a line (CSV) or a path (JSON), the other left out rather than null.
        Assert.Equal(["field", "message"], Requis("ErreurImport"));
        Assert.Equal("\"integer\"", schemas["ErreurImport"]!["properties"]!["line"]!["type"]!.ToJsonString());
        Assert.Equal("\"string\"", schemas["ErreurImport"]!["properties"]!["path"]!["type"]!.ToJsonString());
    }

    [Fact]
    public async Task Les_proprietes_requises_d_un_corps_sont_celles_que_le_document_dit_requises()
    {
        // The binder and the document say the same: what a body may leave out is what the document leaves optional. Every
        // type a route reads as its body, and the types inside it, against its schema.
        var schemas = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!["components"]!["schemas"]!.AsObject();
        var options = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var aVoir = new Stack<Type>(Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType).OfType<Type>());
        var vus = new HashSet<Type>();
        var ecarts = new List<string>();
        while (aVoir.TryPop(out var type))
        {
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object || !vus.Add(type)) continue;
            var nom = DependencyInjection.NomDeSchema(type);
            var requisDuDocument = schemas[nom]?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            var requisDuLecteur = info.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToHashSet();
            if (schemas[nom] is null) ecarts.Add($"{nom} : pas de schéma");
            else if (!requisDuDocument.SetEquals(requisDuLecteur))
                ecarts.Add($"{nom} : document [{string.Join(", ", requisDuDocument.Order())}], lecteur [{string.Join(", ", requisDuLecteur.Order())}]");
            foreach (var propriete in info.Properties.Where(p => p.Get is not null || p.Set is not null || p.AssociatedParameter is not null))
            {
                var sous = Nullable.GetUnderlyingType(propriete.PropertyType) ?? propriete.PropertyType;
                aVoir.Push(sous.IsArray ? sous.GetElementType()! : sous.IsGenericType ? sous.GetGenericArguments()[^1] : sous);
            }
        }
        Assert.True(vus.Count >= 20, $"{vus.Count} types de corps");
        Assert.True(ecarts.Count == 0, string.Join("\n", ecarts));
    }

    [Fact]
    public async Task Chaque_operation_a_son_nom_son_resume_et_sa_securite_et_les_schemas_des_noms_lisibles()
    {
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!;
        var manques = new List<string>();
        foreach (var (chemin, operations) in document["paths"]!.AsObject())
            foreach (var (methode, operation) in operations!.AsObject())
            {
                if (string.IsNullOrWhiteSpace(operation!["operationId"]?.GetValue<string>())) manques.Add($"{methode} {chemin} : operationId");
                if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) manques.Add($"{methode} {chemin} : summary");
                if (operation["security"] is not JsonArray) manques.Add($"{methode} {chemin} : security");
            }
        Assert.True(manques.Count == 0, string.Join("\n", manques));
        var illisibles = document["components"]!["schemas"]!.AsObject().Select(s => s.Key)
            .Where(n => n.Contains('`') || n.Contains('.') || n.Contains("Version=", StringComparison.Ordinal)).ToList();
        Assert.Empty(illisibles);
        Assert.Contains("PageDeCollectiviteDto", document["components"]!["schemas"]!.AsObject().Select(s => s.Key));
        Assert.NotNull(document["info"]!["license"]);
        Assert.NotEmpty(document["servers"]!.AsArray());
        Assert.All(document["tags"]!.AsArray(), t => Assert.False(string.IsNullOrWhiteSpace(t!["description"]?.GetValue<string>())));
        // A collectivité in a path is named by its UUID, COG code or SIREN: its parameter says so, not « an identifier ».
        foreach (var chemin in new[] { "/api/v1/collectivites/{id}", "/api/v1/collectivites/{id}/historique", "/api/v1/collectivites/{id}/candidatures" })
            Assert.Contains("SIREN", document["paths"]![chemin]!["get"]!["parameters"]!.AsArray()
                .Single(p => p!["name"]!.GetValue<string>() == "id")!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task L_export_ouvert_est_documente_pour_ses_deux_formats()
    {
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!;
        var json = document["paths"]!["/api/v1/palmares"]!["get"]!;
        Assert.Equal("ExporterPalmares", json["operationId"]!.GetValue<string>());
        // No token, or a bearer: `{}` first.
        Assert.Equal("[{},{\"bearer\":[]}]", json["security"]!.ToJsonString());
        Assert.NotNull(json["responses"]!["401"]);
        Assert.Equal(["page", "pageSize"], json["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var page = json["responses"]!["200"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/PageDePalmaresDto", page["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(2022, page["example"]!["items"]![0]!["edition"]!.GetValue<int>());
        Assert.NotNull(json["responses"]!["304"]);
        Assert.Contains("embargo", json["description"]!.GetValue<string>());

        var csv = document["paths"]!["/api/v1/palmares.csv"]!["get"]!;
        Assert.Equal("ExporterPalmaresCsv", csv["operationId"]!.GetValue<string>());
        Assert.Equal("[{},{\"bearer\":[]}]", csv["security"]!.ToJsonString());
        var fichier = csv["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["text/csv"], fichier.Select(c => c.Key));
        Assert.Equal("string", fichier["text/csv"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Contains("edition, version, publieLe, licence", fichier["text/csv"]!["schema"]!["description"]!.GetValue<string>());
        Assert.StartsWith("edition;version;", fichier["text/csv"]!["example"]!.GetValue<string>());
        Assert.Contains("embargo", csv["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Les_en_tetes_qu_un_client_renvoie_sont_declares_sur_les_reponses_qui_les_portent()
    {
        var chemins = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!["paths"]!;
        string[] EnTetes(string chemin, string methode, string statut) =>
            chemins[chemin]![methode]!["responses"]![statut]!["headers"]?.AsObject().Select(h => h.Key).Order().ToArray() ?? [];
        Assert.Equal(["ETag"], EnTetes("/api/v1/candidatures/{id}/evaluations/moi", "get", "200"));
        Assert.Equal(["ETag"], EnTetes("/api/v1/candidatures/{id}/evaluations/moi", "put", "200"));
        foreach (var chemin in new[] { "/api/v1/editions/{annee}/palmares", "/api/v1/editions/{annee}/palmares.csv" })
            foreach (var statut in new[] { "200", "304" })
                Assert.Equal(["Cache-Control", "ETag", "Last-Modified"], EnTetes(chemin, "get", statut));
        foreach (var statut in new[] { "200", "304" })
        {
            Assert.Equal(["Cache-Control", "ETag"], EnTetes("/api/v1/editions/{annee}/chiffres-cles", "get", statut));
            Assert.Equal(["ETag"], EnTetes("/api/v1/collectivites/{id}/historique", "get", statut));
        }
        // A 404 of the results says until when a cache may keep it: never past the instant they appear.
        foreach (var chemin in new[] { "/api/v1/editions/{annee}/palmares", "/api/v1/editions/{annee}/palmares.csv", "/api/v1/editions/{annee}/chiffres-cles" })
            Assert.Equal(["Expires"], EnTetes(chemin, "get", "404"));
    }

    [Fact]
    public async Task Un_instant_de_requete_est_une_chaine_date_time()
    {
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!;
        var parametres = document["paths"]!["/api/v1/audit"]!["get"]!["parameters"]!.AsArray();
        foreach (var nom in new[] { "depuis", "jusqua" })
        {
            var schema = parametres.Single(p => p!["name"]!.GetValue<string>() == nom)!["schema"]!;
            Assert.Equal("string", schema["type"]!.GetValue<string>());
            Assert.Equal("date-time", schema["format"]!.GetValue<string>());
        }
    }
}
