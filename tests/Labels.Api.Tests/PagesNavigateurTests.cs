using System.Diagnostics;
using Xunit.Abstractions;

namespace Labels.Api.Tests;

/// <summary>
/// The HTML pages in a real browser (scripts/navigateur.sh: the system's Chromium driven by playwright-core, axe-core in each
/// page) against the API on a loopback port: a 254-laureate palmarès, its key figures, a collectivité's page, the badge, the
/// widget framed by a page of another origin, the embargo's edge. Screenshots at 1280 and 375 px are written under the test
/// output folder (captures-pages/).
/// </summary>
public sealed class PagesNavigateurTests(LabelsApiFactory factory, ITestOutputHelper sortie) : ApiTest(factory)
{
    [Fact]
    public async Task Les_pages_s_affichent_accessibles_dans_un_navigateur_et_respectent_l_embargo()
    {
        var instant = DateTimeOffset.UtcNow.AddSeconds(40);
        var (_, arras) = await PagesTests.PreparerAsync(this, laureats2022: 254, embargo: instant);
        await using var serveur = ServeurKestrel.Demarrer(Factory);
        var captures = Path.Combine(AppContext.BaseDirectory, "captures-pages");
        var chrono = Stopwatch.StartNew();
        var (code, texte, erreurs) = await ScriptsDuDepot.ExecuterAsync("navigateur.sh", [], new Dictionary<string, string>
            {
                ["LABELS_URL"] = serveur.Adresse.ToString(), ["LABELS_EDITION"] = "2022", ["LABELS_LAUREAT"] = "Arras (62) @@@@",
                ["LABELS_DEPARTEMENT"] = "62", ["LABELS_COLLECTIVITE"] = arras.ToString(), ["LABELS_AROBASES"] = "4",
                ["LABELS_EMBARGO_EDITION"] = "2023", ["LABELS_EMBARGO_INSTANT"] = instant.ToString("O"),
                ["LABELS_EMBARGO_LAUREAT"] = "Arras (62) @@@@@", ["LABELS_CAPTURES"] = captures,
            });
        sortie.WriteLine($"Navigateur : {chrono.ElapsedMilliseconds} ms.");
        sortie.WriteLine(texte);
        var lignes = texte.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // The render time is printed for a human to read; no absolute time is asserted.
        // It is also written beside the screenshots, where a passing run leaves it to be read.
        var mesures = lignes.Where(l => l.StartsWith("mesure:", StringComparison.Ordinal)).ToList();
        Directory.CreateDirectory(captures);
        await File.WriteAllLinesAsync(Path.Combine(captures, "mesures.txt"), mesures);
        Assert.NotEmpty(mesures);
        Assert.True(code == 0, $"code {code}\n{texte}\n{erreurs}");
        Assert.DoesNotContain(lignes, l => l.StartsWith("ÉCHEC", StringComparison.Ordinal));
        Assert.Contains(lignes, l => l.StartsWith("ok: embargo : 200 après l'instant", StringComparison.Ordinal));
        Assert.Contains(lignes, l => l.StartsWith("ok: widget (1280) : s'affiche dans la page hôte", StringComparison.Ordinal));
        Assert.True(lignes.Count(l => l.StartsWith("ok:", StringComparison.Ordinal)) >= 40, string.Join("\n", lignes));
        Assert.True(File.Exists(Path.Combine(captures, "palmares-375.png")));
    }
}
