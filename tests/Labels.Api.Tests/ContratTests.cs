using System.Text.Json;
using Json.Schema;

namespace Labels.Api.Tests;

/// <summary>
/// The served OpenAPI document against the API, as a generated client and a fuzzer meet them: for every operation,
/// requests built from its schemas — valid ones, then mutated (nulls inside arrays and objects, NUL and overlong strings,
/// huge and negative integers, wrong types, missing required fields, unknown properties) in path, query, header and
/// body — sent as anonymous, an administrator and a collectivité's account. No 5xx; every status is one the operation
/// documents; every JSON body validates against the schema documented for that status. Deterministic (one seed),
/// bounded (a few thousand requests).
/// </summary>
public sealed class ContratTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string Base = "https://labels.test/openapi.json";
    private static readonly string[] Methodes = ["get", "post", "put", "delete"];

    private sealed record Operation(string Methode, string Chemin, JsonObject Definition)
    {
        public string Nom => Definition["operationId"]?.GetValue<string>() ?? $"{Methode} {Chemin}";
    }

    [Fact]
    public async Task Chaque_operation_repond_comme_le_document_le_dit()
    {
        var scenario = await Scenario.PreparerAsync(this);
        await this.PublierHistoriqueAsync(scenario.Admin, 2021, null, new Resultat("62041", 3, Fiches: 2));
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        var registre = new SchemaRegistry();
        var racine = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Base,
            ["$defs"] = Reecrire(document["components"]!["schemas"]!.DeepClone(), "#/$defs/"),
        };
        JsonSchema.FromText(racine.ToJsonString(), new BuildOptions { SchemaRegistry = registre });
        // The validation really validates: a page whose items are not a list is refused.
        Assert.False(Schema(JsonNode.Parse("""{"$ref":"#/components/schemas/PageDeCollectiviteDto"}""")!, registre)
            .Evaluate(JsonDocument.Parse("""{"items":"x","page":1,"pageSize":1,"total":0}""").RootElement).IsValid);
        var operations = (from chemin in document["paths"]!.AsObject()
                          from methode in Methodes
                          where chemin.Value![methode] is JsonObject
                          select new Operation(methode, chemin.Key, chemin.Value![methode]!.AsObject())).ToList();
        Assert.True(operations.Count >= 55, $"{operations.Count} opérations");

        var hasard = new Random(20261207);
        var appelants = new (string Nom, HttpClient Client)[] { ("anonyme", Anonyme()), ("collectivite", scenario.Proprietaire), ("admin", scenario.Admin) };
        var echecs = new List<(string Genre, string Exemple)>();
        var envoyees = 0;
        // Writes that would end the scenario for the rest (a dossier deleted, an account disabled) come last.
        foreach (var operation in operations.OrderBy(o => o.Methode == "delete").ThenBy(o => o.Chemin, StringComparer.Ordinal))
            foreach (var (nomAppelant, client) in appelants)
                foreach (var requete in Requetes(operation, document, scenario, hasard))
                {
                    envoyees++;
                    using var message = requete.Message();
                    var reponse = await client.SendAsync(message);
                    var texte = await reponse.Content.ReadAsStringAsync();
                    var statut = (int)reponse.StatusCode;
                    var quoi = $"{operation.Nom} ({nomAppelant}, {requete.Mutation})";
                    // A request the document says is valid is not refused as malformed (it may be refused by a rule: 409, 422),
                    // but for the rules across fields or on the server's state that a schema cannot say and its descriptions do.
                    if (requete.Mutation == "valide" && nomAppelant == "admin" && statut == 400
                        && JsonNode.Parse(texte)?["errors"]?.AsObject().Select(e => e.Key).Any(c => !ReglesHorsSchema.Contains(c)) != false)
                        echecs.Add(($"{operation.Nom} valide refusée", $"{quoi} → 400 {Tronquer(texte)}"));
                    if (statut >= 500)
                    {
                        echecs.Add(($"{operation.Nom} {statut}", $"{quoi} → {statut} {Tronquer(texte)}"));
                        continue;
                    }
                    // What no schema accepts is never accepted (a 202 accepts a file for a later run, which judges it).
                    if (statut is >= 200 and < 300 and not 202 && Inacceptable(requete.Mutation))
                        echecs.Add(($"{operation.Nom} {requete.Mutation} acceptée", $"{quoi} → {statut} {Tronquer(texte)}"));
                    var reponses = operation.Definition["responses"]!.AsObject();
                    if (reponses[statut.ToString()] is not JsonObject documentee)
                    {
                        echecs.Add(($"{operation.Nom} {statut} non documenté", $"{quoi} → {statut} non documenté ({string.Join(", ", reponses.Select(r => r.Key))}) {Tronquer(texte)}"));
                        continue;
                    }
                    var type = reponse.Content.Headers.ContentType?.MediaType;
                    if (texte.Length == 0 || type is null || !type.EndsWith("json", StringComparison.Ordinal)) continue;
                    if (documentee["content"]?[type]?["schema"] is not JsonNode schema)
                    {
                        echecs.Add(($"{operation.Nom} {statut} {type} sans schéma", $"{quoi} → {statut} {type} sans schéma documenté"));
                        continue;
                    }
                    var resultat = Schema(schema, registre).Evaluate(JsonDocument.Parse(texte).RootElement,
                        new EvaluationOptions { OutputFormat = OutputFormat.List });
                    if (!resultat.IsValid)
                        echecs.Add(($"{operation.Nom} {statut} hors schéma {Erreurs(resultat)}", $"{quoi} → {statut} hors schéma : {Erreurs(resultat)} — {Tronquer(texte)}"));
                }
        Assert.True(envoyees > 1_000, $"{envoyees} requêtes");
        // One line per kind of gap (operation, status, what), with an example and how many requests showed it.
        var genres = echecs.GroupBy(e => e.Genre).Select(g => $"{g.Count()} × {g.First().Exemple}").ToList();
        Assert.True(echecs.Count == 0, $"{echecs.Count} écarts sur {envoyees} requêtes, {genres.Count} genres :\n" + string.Join("\n", genres.Take(80)));
    }

    /// <summary>Fields whose rules bind several fields or the server's state, said in the document's descriptions.</summary>
    [Fact]
    public async Task Ce_qui_appartient_a_une_edition_inconnue_est_introuvable()
    {
        // An édition that does not exist has no palmarès, no runs, no jury: a 404 saying so, never an empty answer that looks
        // like a true one, for whoever asks. Every read of the document whose only parameter in its path is the year.
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        var chemins = document["paths"]!.AsObject()
            .Where(c => c.Value!["get"] is not null && c.Key.Contains("{annee}") && c.Key.Count(x => x == '{') == 1).Select(c => c.Key).ToList();
        Assert.True(chemins.Count >= 8, string.Join(", ", chemins));
        var reponses = new List<string>();
        foreach (var chemin in chemins)
            foreach (var client in new[] { admin, Anonyme() })
            {
                var reponse = await client.GetAsync(chemin.Replace("{annee}", "2031"));
                if (reponse.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                    reponses.Add($"{chemin} : {(int)reponse.StatusCode}");
                else if (reponse.StatusCode == HttpStatusCode.NotFound)
                    Assert.Equal("application/problem+json", reponse.Content.Headers.ContentType?.MediaType);
            }
        Assert.Empty(reponses);
    }

    private static readonly HashSet<string> ReglesHorsSchema =
        ["dateFin", "services", "collectiviteId", "motDePasseActuel", "criteres[0].max", "criteres[0].poids", "criteres", "seuilsArobases",
            // A mention of the édition's référentiel: the server's state, which the parameter's description names.
            "mention"];

    /// <summary>Mutations that make a request invalid whatever the operation: a forbidden character, a required property left out, a broken or foreign body.</summary>
    private static bool Inacceptable(string mutation) =>
        mutation.EndsWith(" NUL", StringComparison.Ordinal) || mutation.EndsWith(" absent (requis)", StringComparison.Ordinal) ||
        mutation.EndsWith(" répété", StringComparison.Ordinal) ||
        mutation.EndsWith(" au-delà de maxLength", StringComparison.Ordinal) || mutation.EndsWith(" U+FFFD", StringComparison.Ordinal)
        || mutation.StartsWith("charset ", StringComparison.Ordinal) && mutation != "charset \"utf-8\""
        || mutation is "JSON cassé" or "corps en CSV" or "propriété inconnue" or "null au lieu du corps" or "tableau au lieu d'objet";

    private static string Tronquer(string texte) => texte.Length > 300 ? texte[..300] + "…" : texte;

    private static string Erreurs(EvaluationResults resultat) => string.Join("; ", (resultat.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5));

    private static JsonSchema Schema(JsonNode schema, SchemaRegistry registre)
    {
        var texte = Reecrire(schema.DeepClone(), Base + "#/$defs/")!.AsObject();
        texte["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        texte["$id"] = $"https://labels.test/reponse/{Guid.NewGuid():N}";
        return JsonSchema.FromText(texte.ToJsonString(), new BuildOptions { SchemaRegistry = registre });
    }

    /// <summary>References of the OpenAPI document (<c>#/components/schemas/X</c>) made references of the JSON schema.</summary>
    private static JsonNode? Reecrire(JsonNode? noeud, string prefixe)
    {
        switch (noeud)
        {
            case JsonObject objet:
                foreach (var (cle, valeur) in objet.ToList())
                    if (cle == "$ref" && valeur is JsonValue v && v.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                        objet[cle] = prefixe + v.GetValue<string>()["#/components/schemas/".Length..];
                    else Reecrire(valeur, prefixe);
                break;
            case JsonArray tableau:
                foreach (var element in tableau) Reecrire(element, prefixe);
                break;
        }
        return noeud;
    }

    private sealed record Requete(string Mutation, HttpMethod Methode, string Url, string? Corps, string? TypeDeCorps, string? IfMatch)
    {
        public HttpRequestMessage Message()
        {
            var message = new HttpRequestMessage(Methode, Url);
            if (Corps is not null) message.Content = new StringContent(Corps, Encoding.UTF8, "application/json");
            // A Content-Type as the client wrote it, parameters included, even one the parser would refuse.
            if (Corps is not null && TypeDeCorps is not null)
            {
                message.Content!.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", TypeDeCorps);
            }
            if (IfMatch is not null) message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
            return message;
        }
    }

    /// <summary>A valid request for the operation, then one per mutation of its parameters and body.</summary>
    private static IEnumerable<Requete> Requetes(Operation operation, JsonObject document, Scenario scenario, Random hasard)
    {
        var methode = new HttpMethod(operation.Methode.ToUpperInvariant());
        var chemin = scenario.Url(operation.Chemin.Replace("{annee}", operation.Chemin.Contains("/palmares") || operation.Chemin.Contains("/fiches") && !operation.Chemin.Contains("/candidatures/") || operation.Chemin.Contains("chiffres-cles") ? "2021" : "2022"));
        var parametres = operation.Definition["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        // A parameter the scenario already set in the path's query (a juror's édition) is not sent twice.
        var fixes = chemin.Contains('?') ? chemin[(chemin.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=')[0]).ToHashSet() : [];
        var requete = parametres.Where(p => p["in"]!.GetValue<string>() == "query" && !fixes.Contains(p["name"]!.GetValue<string>())).ToList();
        var schemaCorps = operation.Definition["requestBody"]?["content"]?["application/json"]?["schema"];
        var corps = schemaCorps is null ? null : CorpsDuDocument.Valeur(schemaCorps, document, hasard, 0);
        string Url(Func<JsonObject, string?>? valeur = null)
        {
            var paires = requete.Select(p => (Nom: p["name"]!.GetValue<string>(), Valeur: (valeur ?? (q => ValeurDeParametre(q, document, hasard)))(p)))
                .Where(p => p.Valeur is not null).Select(p => $"{p.Nom}={Uri.EscapeDataString(p.Valeur!)}");
            var suite = string.Join('&', paires);
            return suite.Length == 0 ? chemin : chemin + (chemin.Contains('?') ? "&" : "?") + suite;
        }
        var ifMatch = parametres.Any(p => p["name"]!.GetValue<string>() == "If-Match") ? "*" : null;

        yield return new Requete("valide", methode, Url(), corps?.ToJsonString(), null, ifMatch);

        foreach (var p in requete)
        {
            var nom = p["name"]!.GetValue<string>();
            foreach (var (mutation, valeur) in new[] { ("NUL", "a\0b"), ("long", new string('x', 5_000)), ("entier énorme", "99999999999999999999"),
                         ("négatif", "-2147483648"), ("mauvais type", "{}"), ("vide", "") })
                yield return new Requete($"{nom} {mutation}", methode, Url(q => q == p ? valeur : ValeurDeParametre(q, document, hasard)), corps?.ToJsonString(), null, ifMatch);
            var deuxFois = Url(q => q == p ? ValeurDeParametre(q, document, hasard) ?? "1" : ValeurDeParametre(q, document, hasard));
            yield return new Requete($"{nom} répété", methode, $"{deuxFois}{(deuxFois.Contains('?') ? '&' : '?')}{nom}=1", corps?.ToJsonString(), null, ifMatch);
        }
        foreach (var segment in new[] { "99999999999", "%2500", "abc" })
            if (operation.Chemin.Contains('{'))
                yield return new Requete($"chemin {segment}", methode, chemin.Replace(scenario.Dossier.ToString(), segment).Replace("/2022/", $"/{segment}/")
                    .Replace("/2021/", $"/{segment}/").Replace(scenario.Arras.ToString(), segment), corps?.ToJsonString(), null, ifMatch);
        if (ifMatch is not null)
            foreach (var entete in new[] { "pas-un-etag", "W/\"1\"", "\"x\", *" })
                yield return new Requete($"If-Match {entete}", methode, Url(), corps?.ToJsonString(), null, entete);
        if (corps is null) yield break;
        foreach (var (mutation, mute) in Mutations(corps, schemaCorps!, document, hasard))
            yield return new Requete(mutation, methode, Url(), mute, null, ifMatch);
        yield return new Requete("JSON cassé", methode, Url(), corps.ToJsonString()[..^1], null, ifMatch);
        yield return new Requete("corps en CSV", methode, Url(), "a;b\n1;2\n", "text/csv", ifMatch);
        foreach (var charset in new[] { "utf8", "\"utf-8\"", "", "utf-7", "foo", "%00" })
            yield return new Requete($"charset {charset}", methode, Url(), corps.ToJsonString(), $"application/json; charset={charset}", ifMatch);
    }

    private static string? ValeurDeParametre(JsonObject parametre, JsonObject document, Random hasard)
    {
        // Optional query parameters are sent one time in two, so that both their presence and their absence are tried.
        if (parametre["required"]?.GetValue<bool>() != true && hasard.Next(2) == 0) return null;
        var valeur = CorpsDuDocument.Valeur(parametre["schema"]!, document, hasard, 0);
        return valeur switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => valeur.ToJsonString(),
        };
    }

    /// <summary>The body broken one way at a time.</summary>
    private static IEnumerable<(string, string)> Mutations(JsonNode corps, JsonNode schema, JsonObject document, Random hasard)
    {
        if (corps is not JsonObject objet) yield break;
        var cible = schema["$ref"]?.GetValue<string>() is { } reference ? document["components"]!["schemas"]![reference.Split('/')[^1]]! : schema;
        var requis = cible["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        yield return ("null au lieu du corps", "null");
        yield return ("tableau au lieu d'objet", "[]");
        var inconnu = objet.DeepClone().AsObject();
        inconnu["proprieteInconnue"] = 1;
        yield return ("propriété inconnue", inconnu.ToJsonString());
        foreach (var nom in objet.Select(p => p.Key).ToList())
        {
            var valeur = objet[nom];
            JsonObject Avec(JsonNode? nouvelle)
            {
                var copie = objet.DeepClone().AsObject();
                copie[nom] = nouvelle;
                return copie;
            }
            var sans = objet.DeepClone().AsObject();
            sans.Remove(nom);
            yield return (requis.Contains(nom) ? $"{nom} absent (requis)" : $"{nom} absent", sans.ToJsonString());
            yield return ($"{nom} null", Avec(null).ToJsonString());
            yield return ($"{nom} NUL", Avec("a\u0000b").ToJsonString());
            yield return ($"{nom} U+FFFD", Avec("Caf\uFFFD").ToJsonString());
            var borne = cible["properties"]?[nom]?["maxLength"] is not null;
            yield return (borne ? $"{nom} au-delà de maxLength" : $"{nom} très long", Avec(new string('x', 70_000)).ToJsonString());
            yield return ($"{nom} entier énorme", Avec(JsonValue.Create(long.MaxValue)).ToJsonString());
            yield return ($"{nom} négatif", Avec(JsonValue.Create(-1)).ToJsonString());
            yield return ($"{nom} objet", Avec(new JsonObject { ["x"] = 1 }).ToJsonString());
            if (valeur is JsonArray tableau)
            {
                yield return ($"{nom} [null]", Avec(new JsonArray(null, tableau.Count > 0 ? tableau[0]?.DeepClone() : null)).ToJsonString());
                if (tableau.Count > 0 && tableau[0] is JsonObject element)
                {
                    var nul = element.DeepClone().AsObject();
                    foreach (var cle in nul.Select(p => p.Key).ToList()) nul[cle] = null;
                    yield return ($"{nom}[0] tout null", Avec(new JsonArray(nul)).ToJsonString());
                }
            }
            if (valeur is JsonObject sousObjet)
            {
                var nul = sousObjet.DeepClone().AsObject();
                foreach (var cle in nul.Select(p => p.Key).ToList()) nul[cle] = null;
                yield return ($"{nom} tout null", Avec(nul).ToJsonString());
            }
        }
    }
}
