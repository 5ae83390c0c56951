namespace Labels.Cli.Generation;

/// <summary>One dossier of the file to write and how many fiches it carries.</summary>
public sealed record DossierPrevu(int Index, CollectiviteCog Collectivite, int Fiches);

/// <summary>
/// Which collectivités apply and how many fiches each brings, before a single line is written:
/// only this small list lives in memory, the fiches are drawn as they are written.
/// </summary>
public static class Plan
{
    /// <summary>The 2022 édition: 11 intercommunalités, 57 villages, 186 villes, 14,529 fiches.</summary>
    public const int Intercommunalites2022 = 11, Villages2022 = 57, Villes2022 = 186, Fiches2022 = 14_529;
    public const int Dossiers2022 = Intercommunalites2022 + Villages2022 + Villes2022;

    public static List<DossierPrevu> Etablir(IReadOnlyList<CollectiviteCog> cog, double echelle, ulong graine, out int fiches)
    {
        var parGenre = Enum.GetValues<GenreCollectivite>().ToDictionary(g => g, g => cog.Where(c => c.Genre == g).ToList());
        var total = Math.Max(1, (int)Math.Round(Dossiers2022 * echelle));
        var voulus = new Dictionary<GenreCollectivite, int>
        {
            [GenreCollectivite.Intercommunalite] = (int)Math.Round(Intercommunalites2022 * echelle),
            [GenreCollectivite.Village] = (int)Math.Round(Villages2022 * echelle),
        };
        voulus[GenreCollectivite.Ville] = Math.Max(0, total - voulus.Values.Sum());

        // Past ~20× there are not enough villes of 3,000 inhabitants or more: the missing dossiers go to the kinds
        // that still have candidates, in proportion to their share of 2022, so the total holds and the mix bends least.
        var pris = voulus.ToDictionary(p => p.Key, p => Math.Min(p.Value, parGenre[p.Key].Count));
        var manque = voulus.Sum(p => p.Value) - pris.Values.Sum();
        var part2022 = new Dictionary<GenreCollectivite, int>
        {
            [GenreCollectivite.Intercommunalite] = Intercommunalites2022, [GenreCollectivite.Village] = Villages2022, [GenreCollectivite.Ville] = Villes2022,
        };
        while (manque > 0)
        {
            var ouverts = pris.Keys.Where(g => pris[g] < parGenre[g].Count).ToList();
            if (ouverts.Count == 0) break; // the whole COG is taken
            var poids = ouverts.Sum(g => part2022[g]);
            var donne = 0;
            foreach (var genre in ouverts)
            {
                var ajout = Math.Min(parGenre[genre].Count - pris[genre], Math.Max(1, (int)((long)manque * part2022[genre] / poids)));
                ajout = Math.Min(ajout, manque - donne);
                pris[genre] += ajout;
                donne += ajout;
            }
            manque -= donne;
        }

        var choisis = new List<CollectiviteCog>();
        foreach (var (genre, nombre) in pris)
            choisis.AddRange(Tirer(parGenre[genre], nombre, genre, Tirage.Pour(graine, (ulong)genre + 1)));
        choisis.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));

        fiches = Math.Max(choisis.Count, (int)Math.Round(Fiches2022 * echelle));
        var nombres = Repartir(choisis, fiches, Tirage.Pour(graine, 100));
        return choisis.Select((c, i) => new DossierPrevu(i, c, nombres[i])).ToList();
    }

    /// <summary>
    /// A weighted draw without replacement (Efraimidis–Spirakis): large villes and intercommunalités
    /// apply more often than small ones; villages are drawn evenly.
    /// </summary>
    private static IEnumerable<CollectiviteCog> Tirer(List<CollectiviteCog> candidats, int nombre, GenreCollectivite genre, Tirage t)
    {
        if (nombre >= candidats.Count) return candidats;
        return candidats
            .Select(c => (c, cle: Math.Log(1.0 - t.Reel()) / (genre == GenreCollectivite.Village ? 1.0 : Math.Sqrt(c.Population))))
            .OrderByDescending(x => x.cle).ThenBy(x => x.c.Code, StringComparer.Ordinal)
            .Take(nombre)
            .Select(x => x.c);
    }

    /// <summary>Fiches by dossier: a few each at least, the rest by population^0.35 with noise, largest remainders first.</summary>
    private static int[] Repartir(List<CollectiviteCog> choisis, int fiches, Tirage t)
    {
        var n = choisis.Count;
        var minimum = fiches >= 3 * n ? 3 : 1;
        var poids = choisis.Select(c => Math.Pow(Math.Max(c.Population, 50), 0.35) * Math.Exp(0.5 * t.Normale())).ToArray();
        var somme = poids.Sum();
        var reste = fiches - minimum * n;
        var parts = new int[n];
        var fractions = new (double Fraction, int Index)[n];
        var donnes = 0;
        for (var i = 0; i < n; i++)
        {
            var exact = reste * poids[i] / somme;
            parts[i] = minimum + (int)Math.Floor(exact);
            donnes += parts[i] - minimum;
            fractions[i] = (exact - Math.Floor(exact), i);
        }
        foreach (var (_, i) in fractions.OrderByDescending(f => f.Fraction).ThenBy(f => f.Index).Take(reste - donnes)) parts[i]++;
        return parts;
    }
}
