using System.Text.Json;

namespace Labels.Cli.Import;

// The API's shapes, copied rather than referenced: the CLI must build and ship without src/.

public sealed record CompteursImport(int Created, int Updated, int Unchanged);

public sealed record ErreurImport(int? Line, string? Path, string? Field, string Message);

public sealed record RapportImport(
    string Status, CompteursImport? Dossiers, CompteursImport? Fiches, List<ErreurImport>? Errors, int ErrorsTotal, int LignesLues, string? Sha256);

public sealed record EtatImport(Guid Id, int Edition, string Statut, long Octets, int LignesLues, RapportImport? Rapport);

public sealed record DetailsProbleme(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);

public sealed record ReponseConnexion(string AccessToken);

public static class StatutsImport
{
    public const string EnAttente = "enAttente";
    public const string EnCours = "enCours";
    public const string Applique = "applique";
    public const string Valide = "valide";
    public const string Refuse = "refuse";
    public const string Echoue = "echoue";
    public const string Interrompu = "interrompu";
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
