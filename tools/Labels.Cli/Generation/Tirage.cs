namespace Labels.Cli.Generation;

/// <summary>
/// SplitMix64: a tiny generator of our own, so a seed gives the same file on every .NET version
/// and machine (System.Random's seeded sequence is an implementation detail).
/// </summary>
public sealed class Tirage(ulong graine)
{
    private ulong _etat = graine;

    /// <summary>An independent stream for one part of the file (one dossier), whatever was drawn before it.</summary>
    public static Tirage Pour(ulong graine, ulong partie) => new(Melanger(graine ^ Melanger(partie + 0x632BE59BD9B4E019UL)));

    public ulong Suivant() => Melanger(_etat += 0x9E3779B97F4A7C15UL);

    /// <summary>0 ≤ n &lt; max (the modulo bias is negligible for the small ranges used here).</summary>
    public int Entier(int max) => max <= 1 ? 0 : (int)(Suivant() % (ulong)max);

    public int Entre(int min, int maxInclus) => min + Entier(maxInclus - min + 1);

    public double Reel() => (Suivant() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probabilite) => Reel() < probabilite;

    public T Parmi<T>(IReadOnlyList<T> liste) => liste[Entier(liste.Count)];

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public double Normale()
    {
        var u = 1.0 - Reel();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * Reel());
    }

    /// <summary>An index drawn with the given weights.</summary>
    public int Pondere(IReadOnlyList<int> poids)
    {
        var total = 0;
        foreach (var p in poids) total += p;
        var tire = Entier(total);
        for (var i = 0; i < poids.Count; i++)
        {
            tire -= poids[i];
            if (tire < 0) return i;
        }
        return poids.Count - 1;
    }

    public void Melanger<T>(IList<T> liste)
    {
        for (var i = liste.Count - 1; i > 0; i--)
        {
            var j = Entier(i + 1);
            (liste[i], liste[j]) = (liste[j], liste[i]);
        }
    }

    private static ulong Melanger(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
