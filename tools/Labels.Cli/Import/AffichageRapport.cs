using System.Globalization;

namespace Labels.Cli.Import;

/// <summary>The report as a person reads it, and what it means for the exit code.</summary>
public static class AffichageRapport
{
    public static void Ecrire(RapportImport rapport, TextWriter sortie)
    {
        sortie.WriteLine($"status      {rapport.Status} ({Sens(rapport.Status)})");
        sortie.WriteLine($"dossiers    {Compteurs(rapport.Dossiers)}");
        sortie.WriteLine($"fiches      {Compteurs(rapport.Fiches)}");
        sortie.WriteLine($"lines read  {N(rapport.LignesLues)}");
        if (!string.IsNullOrEmpty(rapport.Sha256)) sortie.WriteLine($"sha256      {rapport.Sha256}");
        var erreurs = rapport.Errors ?? [];
        var total = Math.Max(rapport.ErrorsTotal, erreurs.Count);
        sortie.WriteLine($"errors      {N(total)}");
        foreach (var e in erreurs) sortie.WriteLine(Ligne(e));
        if (total > erreurs.Count)
            sortie.WriteLine($"… and {N(total - erreurs.Count)} more errors that the API does not list (it keeps the first {N(erreurs.Count)}).");
    }

    public static string Ligne(ErreurImport e)
    {
        if (e.Line is { } ligne)
            return string.IsNullOrEmpty(e.Field) ? $"line {ligne}  {e.Message}" : $"line {ligne}  {e.Field}  {e.Message}";
        if (!string.IsNullOrEmpty(e.Path)) return $"{e.Path}  {e.Message}";
        return string.IsNullOrEmpty(e.Field) ? e.Message : $"{e.Field}  {e.Message}";
    }

    public static int CodeDeSortie(string statut) => statut switch
    {
        StatutsImport.Applique or StatutsImport.Valide => CodesDeSortie.Succes,
        _ => CodesDeSortie.FichierRefuse,
    };

    private static string Sens(string statut) => statut switch
    {
        StatutsImport.Applique => "applied",
        StatutsImport.Valide => "validated, nothing written: dry run",
        StatutsImport.Refuse => "refused, nothing written",
        StatutsImport.Echoue => "failed, nothing written",
        StatutsImport.Interrompu => "interrupted (the API instance running it stopped, or its file was lost), nothing written",
        StatutsImport.EnAttente => "waiting for an instance of the API",
        StatutsImport.EnCours => "running",
        _ => "unknown status",
    };

    private static string Compteurs(CompteursImport? c) =>
        c is null ? "-" : $"created {N(c.Created)}  updated {N(c.Updated)}  unchanged {N(c.Unchanged)}";

    public static string N(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
