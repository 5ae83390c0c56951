using System.Globalization;
using Labels.Cli.Generation;
using Labels.Cli.Import;

namespace Labels.Cli;

/// <summary>Exit codes shared by both commands.</summary>
public static class CodesDeSortie
{
    public const int Succes = 0;
    public const int FichierRefuse = 1;
    public const int Usage = 2;
}

/// <summary>Raised for a bad command line; the message is shown with the usage.</summary>
public sealed class ErreurUsage(string message) : Exception(message);

public static class Programme
{
    public const string Usage = """
        labels-import --edition ANNEE FICHIER [--dry-run] [--async] [--encoding NOM] [--url URL] [--token JETON | --email E --password P]
            Sends FICHIER (.json or .csv) to POST /api/v1/editions/{ANNEE}/imports and prints the report.
            --encoding: the file's charset (utf-8, utf-16, windows-1252, iso-8859-1, iso-8859-15), sent in its Content-Type.
            Without it, a file with a BOM goes as UTF-8 or UTF-16, another one as UTF-8 if it is; if not, it is sent
            as windows-1252 only once confirmed on a terminal, and a script exits 2 without sending anything.
            Environment: LABELS_URL (default http://127.0.0.1:5080), LABELS_TOKEN, LABELS_EMAIL, LABELS_PASSWORD.
            Exit codes: 0 applied or validated; 1 file refused (422, unreadable 400, too large 413) or import failed (5xx,
            echoue, interrompu); 2 usage, transport or authentication problem, unknown or closed édition.

        labels-import generate --edition ANNEE [--scale 1] [--format csv|json] [--seed 42] [--historique] [--cog data/cog] [-o FICHIER]
            Writes a realistic year of dossiers drawn from the COG files: at scale 1, 254 dossiers (11 intercommunalités,
            57 villages, 186 villes) and 14,529 fiches. --historique adds each dossier's distinction. Without -o, writes to
            standard output. The format defaults to the extension of -o, else csv.
        """;

    public static async Task<int> Main(string[] args)
    {
        // Figures are printed for scripts and logs as much as for people: one format on every machine.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        using var annulation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C cancels cleanly (the upload stops, the API rolls back); a second one kills.
            if (annulation.IsCancellationRequested) return;
            e.Cancel = true;
            annulation.Cancel();
        };
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.Out.WriteLine(Usage);
                return args.Length == 0 ? CodesDeSortie.Usage : CodesDeSortie.Succes;
            }
            return args[0] == "generate"
                ? await CommandeGenerer.ExecuterAsync(args[1..], annulation.Token)
                : await CommandeImport.ExecuterAsync(args, annulation.Token);
        }
        catch (ErreurUsage e)
        {
            Console.Error.WriteLine($"labels-import: {e.Message}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage);
            return CodesDeSortie.Usage;
        }
        catch (OperationCanceledException) when (annulation.IsCancellationRequested)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("labels-import: interrupted.");
            return CodesDeSortie.Usage;
        }
    }
}
