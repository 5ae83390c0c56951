// Serves the files of a folder at the URIs a map file gives ("URI<TAB>file" per line), from memory, with the headers
// the API sent for them (file.entetes, as curl -D saved them): the same bytes on the wire as the API, with none of
// its work. With If-None-Match equal to the saved ETag: 304. With Accept-Encoding naming gzip and a file.gz beside
// the file: those bytes (the API's own gzip answer and its headers).
using Labels.Api.Reglages;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Primitives;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage : Labels.Bench.Kestrel DOSSIER CARTE [--urls URL]");
    return 2;
}
var (dossier, carte) = (args[0], args[1]);
var reponses = new Dictionary<string, (Reponse Simple, Reponse? Gzip)>();
foreach (var ligne in File.ReadAllLines(carte).Where(l => l.Length > 0))
{
    var (uri, fichier) = (ligne.Split('\t')[0], Path.Combine(dossier, ligne.Split('\t')[1]));
    reponses[uri] = (Reponse.Lire(fichier), File.Exists(fichier + ".gz") ? Reponse.Lire(fichier + ".gz") : null);
}

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args[2..] });
builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.AddServerHeader = false);
builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(new FabriqueDePoolsDeBlocs(32 * 1024, TimeProvider.System));
var app = builder.Build();
app.Run(http =>
{
    var cible = http.Request.Path.Value + http.Request.QueryString.Value;
    if (!reponses.TryGetValue(cible, out var trouvees))
    {
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
    var gzip = trouvees.Gzip is not null && http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal);
    var reponse = gzip ? trouvees.Gzip! : trouvees.Simple;
    var nonModifie = http.Request.Headers.IfNoneMatch == reponse.ETag;
    foreach (var (nom, valeur) in reponse.Entetes)
        if (!(nonModifie && nom.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))) http.Response.Headers[nom] = valeur;
    if (nonModifie)
    {
        http.Response.StatusCode = 304; // with the headers the API's 304 has: all but Content-Type
        return Task.CompletedTask;
    }
    http.Response.ContentLength = reponse.Octets.Length;
    return http.Response.Body.WriteAsync(reponse.Octets).AsTask();
});
app.Run();
return 0;

sealed record Reponse(byte[] Octets, KeyValuePair<string, StringValues>[] Entetes, StringValues ETag)
{
    private static readonly HashSet<string> Calculees = new(StringComparer.OrdinalIgnoreCase) { "Date", "Content-Length", "Server", "Transfer-Encoding" };

    public static Reponse Lire(string fichier)
    {
        var entetes = File.ReadAllLines(fichier + ".entetes").Skip(1)
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && !Calculees.Contains(p[0]))
            .Select(p => KeyValuePair.Create(p[0].Trim(), new StringValues(p[1].Trim()))).ToArray();
        var etag = entetes.FirstOrDefault(e => e.Key.Equals("ETag", StringComparison.OrdinalIgnoreCase)).Value;
        return new Reponse(File.ReadAllBytes(fichier), entetes, etag);
    }
}
