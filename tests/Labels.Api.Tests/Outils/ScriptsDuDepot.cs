using System.Diagnostics;

namespace Labels.Api.Tests;

/// <summary>
/// The repository's own scripts (scripts/*.sh: the OpenAPI linters, the TypeScript clients, the browser), run by the tests as a
/// developer runs them. A first run may install packages (npm ci, apt): minutes at worst; one that hangs fails the test rather
/// than block the suite.
/// </summary>
public static class ScriptsDuDepot
{
    public static string Racine()
    {
        var dossier = new DirectoryInfo(AppContext.BaseDirectory);
        while (dossier is not null && !File.Exists(Path.Combine(dossier.FullName, "Labels.sln"))) dossier = dossier.Parent;
        return dossier?.FullName ?? throw new InvalidOperationException("Racine du dépôt introuvable.");
    }

    /// <summary>Runs scripts/<paramref name="script"/> with these arguments and environment; its exit code and what it printed.</summary>
    public static async Task<(int Code, string Sortie, string Erreurs)> ExecuterAsync(string script, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environnement = null)
    {
        var demarrage = new ProcessStartInfo("bash", [Path.Combine(Racine(), "scripts", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (cle, valeur) in environnement ?? new Dictionary<string, string>()) demarrage.Environment[cle] = valeur;
        using var processus = Process.Start(demarrage)!;
        var sortie = processus.StandardOutput.ReadToEndAsync();
        var erreurs = processus.StandardError.ReadToEndAsync();
        using var delai = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await processus.WaitForExitAsync(delai.Token);
        }
        catch (OperationCanceledException)
        {
            processus.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/{script} dure plus de 5 minutes :\n{await sortie}\n{await erreurs}");
        }
        return (processus.ExitCode, await sortie, await erreurs);
    }
}
