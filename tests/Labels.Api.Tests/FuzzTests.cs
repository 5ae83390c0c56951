using System.Globalization;
using System.Text.Json;
using CsCheck;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// Random and hostile bodies, headers and query strings on every write route: the API never answers
/// 500, never hangs past the client's timeout, and a refused request leaves the data as it was.
/// </summary>
public sealed class FuzzTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Champs =
    [
        "codeInsee", "siren", "email", "motDePasse", "role", "collectiviteId", "annee", "numero", "historique", "statut", "enjeux",
        "mentions", "titre", "resume", "description", "dateDebut", "dateFin", "enCours", "services", "liens", "notes", "commentaire",
        "soumise", "arobases", "justification", "criteres", "seuilsArobases", "compteId", "qualite", "attaches", "conflits",
        "affectations", "juresParDossier", "publieLe", "nom", "scopes", "expireLe", "reference", "dossiers", "code", "password",
    ];

    private static readonly string[] Hostiles =
    [
        "' OR 1=1 --", "'; DROP TABLE collectivites; --", "\u0000", "a\u0000b", "=HYPERLINK(\"http://x\")", "+33", "-1", "@SUM(A1)",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "\ud83d\ude00", "\u202e", "62041", "200033579", "2A004", "deposee",
        "9999-12-31", "0001-01-01", "2021-02-30", "javascript:alert(1)", "https://exemple.fr", "admin", "jure", "collectivite",
        new string('x', 70_000), "NaN", "1e400", "-0", "null", "true", "",
    ];

    private static readonly Gen<string> Chaine = Gen.Frequency(
        (3, Gen.OneOf(Hostiles)),
        (1, Gen.String),
        (1, Gen.Guid.Select(g => g.ToString())));

    private static readonly Gen<string> Scalaire = Gen.OneOf(
        Gen.Const("null"), Gen.Bool.Select(b => b ? "true" : "false"),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("1e400", "-1", "0", "2147483648", "99999999999999999999999", "3.14", "-0.0"),
        Chaine.Select(s => JsonSerializer.Serialize(s)));

    private static Gen<string> Valeur(int profondeur) => profondeur == 0
        ? Scalaire
        : Gen.Frequency(
            (4, Scalaire),
            (1, Valeur(profondeur - 1).Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
            (1, Objet(profondeur - 1)));

    private static Gen<string> Objet(int profondeur) =>
        Gen.Select(Gen.Frequency((4, Gen.OneOf(Champs)), (1, Chaine.Select(s => s.Length > 40 ? s[..40] : s))), Valeur(profondeur))
            .Array[0, 7]
            .Select(paires => "{" + string.Join(",", paires.Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}");

    /// <summary>A body: JSON objects mostly, then broken JSON, invalid UTF-8, deep nesting, duplicate keys, CSV.</summary>
    private static readonly Gen<byte[]> Corps = Gen.Frequency(
        (8, Objet(2).Select(Encoding.UTF8.GetBytes)),
        (1, Objet(1).Select(o => Encoding.UTF8.GetBytes(o.Length > 2 ? o[..^1] : "{"))),
        (1, Gen.Byte.Array[1, 64]),
        (1, Gen.Const(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[", 5000))))),
        (1, Gen.Const(Encoding.UTF8.GetBytes("{\"codeInsee\":\"62041\",\"codeInsee\":\"57059\"}"))),
        (1, Gen.Select(Chaine, Chaine).Select(c => Encoding.UTF8.GetBytes($"collectivite;titre\n{c.Item1};{c.Item2}\n"))));

    private static readonly Gen<string> Requete = Gen.OneOf("", "?page=-1", "?pageSize=99999999999", "?dryRun=maybe", "?async=true",
        "?version=-3", "?categorie=%00", "?q=%27%20OR%201%3D1", "?edition=abc");

    [Fact]
    public async Task Aucune_entree_hostile_ne_fait_de_500_ni_n_ecrit_quand_elle_est_refusee()
    {
        var scenario = await Scenario.PreparerAsync(this);
        var ecritures = Scenario.Routes(Factory.Services).Where(r => r.Methode is "POST" or "PUT" or "DELETE")
            .Where(r => r.Modele != "/api/v1/auth/login" && r.Modele != "/api/v1/auth/refresh").ToArray();
        var clients = new[] { scenario.Admin, scenario.Proprietaire, scenario.JureAssigne };
        var echecs = new List<string>();
        var vus = new HashSet<(int Route, int Code)>();

        await Gen.Select(Gen.Int[0, ecritures.Length - 1], Gen.Int[0, clients.Length - 1], Corps, Requete,
                Gen.OneOf("application/json", "text/csv", "application/json; charset=latin1"), Gen.OneOf<string?>(null, "\"x\"", "*", "W/\"1\""))
            .SampleAsync(async (route, appelant, corps, requete, type, ifMatch) =>
            {
                var (methode, modele) = ecritures[route];
                var avant = await ComptesAsync();
                var message = new HttpRequestMessage(new HttpMethod(methode), scenario.Url(modele) + requete) { Content = new ByteArrayContent(corps) };
                message.Content!.Headers.TryAddWithoutValidation("Content-Type", type);
                if (ifMatch is not null) message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var reponse = await clients[appelant].SendAsync(message, delai.Token);
                var code = (int)reponse.StatusCode;
                vus.Add((route, code));
                if (code >= 500) echecs.Add($"{methode} {modele}{requete} ({type}) → {code} : {Encoding.UTF8.GetString(corps)[..Math.Min(200, corps.Length)]}");
                else if (code >= 400 && await ComptesAsync() != avant) echecs.Add($"{methode} {modele} refusé ({code}) mais la base a changé");
            }, iter: 400, threads: 1);

        Assert.True(echecs.Count == 0, string.Join("\n", echecs.Take(20)));
        // The sample really reached the routes, and what they refused was refused for its content.
        Assert.True(vus.Select(v => v.Route).Distinct().Count() >= ecritures.Length * 3 / 4, $"{vus.Select(v => v.Route).Distinct().Count()} routes sur {ecritures.Length}");
        Assert.Contains(vus, v => v.Code is 400 or 422);
    }

    private async Task<string> ComptesAsync()
    {
        await using var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await connexion.OpenAsync();
        await using var commande = new NpgsqlCommand("""
            SELECT concat_ws(',', (SELECT count(*) FROM collectivites), (SELECT count(*) FROM editions), (SELECT count(*) FROM candidatures),
                   (SELECT count(*) FROM fiches_actions), (SELECT count(*) FROM distinctions), (SELECT count(*) FROM evaluations),
                   (SELECT count(*) FROM affectations), (SELECT count(*) FROM membres_jury), (SELECT count(*) FROM "AspNetUsers"),
                   (SELECT count(*) FROM jetons_api), (SELECT count(*) FROM palmares_versions),
                   (SELECT md5(string_agg(statut, ',' ORDER BY id)) FROM candidatures), (SELECT md5(string_agg(statut, ',' ORDER BY annee)) FROM editions))
            """, connexion);
        return (string)(await commande.ExecuteScalarAsync())!;
    }
}
