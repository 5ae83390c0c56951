using System.Diagnostics;
using System.Globalization;

namespace Labels.Cli.Generation;

/// <summary><c>labels-import generate</c>: a realistic year of dossiers, written as it is drawn.</summary>
public static class CommandeGenerer
{
    private static readonly string[] AvecValeur = ["--edition", "--scale", "--format", "--seed", "--cog", "-o", "--output"];
    private static readonly string[] Drapeaux = ["--historique"];

    /// <summary>The default référentiel's mentions, the ones jurys give most first.</summary>
    private static readonly string[] Mentions = ["mediation-numerique", "democratie-locale", "numerique-educatif", "arobase-verte"];
    private static readonly int[] PoidsMentions = [4, 3, 2, 2];
    /// <summary>Few dossiers get one arobase or five; most get two to four.</summary>
    private static readonly int[] PoidsArobases = [12, 22, 30, 24, 12];

    public static Task<int> ExecuterAsync(string[] args, CancellationToken ct)
    {
        var lus = Arguments.Lire(args, AvecValeur, Drapeaux);
        if (lus.Positionnels.Count > 0) throw new ErreurUsage($"generate takes no positional argument (« {lus.Positionnels[0]} »); use -o FILE.");
        var annee = lus.Entier("--edition", null, 2001, 2100);
        var echelle = Echelle(lus.Valeur("--scale"));
        var graine = (ulong)lus.Entier("--seed", 42, 0, int.MaxValue);
        var sortie = lus.Valeur("-o") ?? lus.Valeur("--output");
        if (sortie == "-") sortie = null;
        var format = (lus.Valeur("--format") ?? (sortie is not null && sortie.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv"))
            .ToLowerInvariant();
        if (format is not ("csv" or "json")) throw new ErreurUsage($"--format is csv or json, not « {format} ».");
        var historique = lus.A("--historique");
        var cog = Cog.Lire(DossierCog(lus.Valeur("--cog")));

        var chrono = Stopwatch.StartNew();
        var plan = Plan.Etablir(cog, echelle, graine, out var fiches);
        using (var flux = sortie is null
                   ? Console.OpenStandardOutput()
                   : new FileStream(sortie, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        using (IEcrivainDossiers ecrivain = format == "json" ? new EcrivainJson(flux) : new EcrivainCsv(flux))
        {
            var ecrites = 0L;
            var dixieme = 0;
            var titres = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dossier in plan)
            {
                ct.ThrowIfCancellationRequested();
                // Each dossier draws from its own stream, so --historique or the format change nothing else in the file.
                ecrivain.Dossier(dossier, historique ? Distinction(Tirage.Pour(graine ^ 0xD157_1C7107UL, (ulong)dossier.Index)) : null);
                var t = Tirage.Pour(graine, 1_000 + (ulong)dossier.Index);
                titres.Clear();
                for (var n = 1; n <= dossier.Fiches; n++)
                    ecrivain.Fiche(Redaction.Fiche(dossier.Collectivite, annee, n, t, titres));
                ecrivain.FinDossier();
                ecrites += dossier.Fiches;
                if (fiches >= 100_000 && ecrites * 10 / fiches > dixieme)
                {
                    dixieme = (int)(ecrites * 10 / fiches);
                    Console.Error.WriteLine($"generate: {dixieme * 10} %  {ecrites:#,0} fiches  {chrono.Elapsed.TotalSeconds:0} s");
                }
            }
            ecrivain.Fin();
        }

        int Compter(GenreCollectivite g) => plan.Count(d => d.Collectivite.Genre == g);
        var taille = sortie is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {new FileInfo(sortie).Length / 1e6:0.0} MB");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate: {sortie ?? "stdout"} ({format}): {plan.Count:#,0} dossiers ({Compter(GenreCollectivite.Intercommunalite):#,0} intercommunalités, "
            + $"{Compter(GenreCollectivite.Village):#,0} villages, {Compter(GenreCollectivite.Ville):#,0} villes), {fiches:#,0} fiches{taille}, "
            + $"{chrono.Elapsed.TotalSeconds:0.0} s"));
        return Task.FromResult(CodesDeSortie.Succes);
    }

    private static DistinctionGeneree Distinction(Tirage t)
    {
        var arobases = t.Pondere(PoidsArobases) + 1;
        var nombre = t.Pondere([82, 15, 3]);
        var mentions = new SortedSet<string>(StringComparer.Ordinal);
        while (mentions.Count < nombre) mentions.Add(Mentions[t.Pondere(PoidsMentions)]);
        return new DistinctionGeneree(arobases, [.. mentions]);
    }

    private static double Echelle(string? texte)
    {
        if (texte is null) return 1;
        if (!double.TryParse(texte, NumberStyles.Float, CultureInfo.InvariantCulture, out var echelle) || echelle <= 0 || echelle > 10_000)
            throw new ErreurUsage($"--scale expects a number above 0 (e.g. 1, 0.1, 100), not « {texte} ».");
        return echelle;
    }

    /// <summary>--cog, else data/cog in the current folder or one of its parents (the tool is often run from a sub-folder).</summary>
    private static string DossierCog(string? donne)
    {
        if (donne is not null) return donne;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var candidat = Path.Combine(d.FullName, "data", "cog");
            if (File.Exists(Path.Combine(candidat, "communes.csv"))) return candidat;
        }
        return Path.Combine("data", "cog");
    }
}
