using System.Globalization;
using System.Text;

namespace Labels.Cli.Generation;

public enum GenreCollectivite { Intercommunalite, Village, Ville }

/// <summary>A collectivité that may hold a dossier: its code is the COG code of a commune or the SIREN of an EPCI.</summary>
public sealed record CollectiviteCog(string Code, string Nom, int Population, GenreCollectivite Genre)
{
    public bool EstIntercommunalite => Genre == GenreCollectivite.Intercommunalite;
}

/// <summary>Reads data/cog/communes.csv and epci.csv (see data/cog/README.md for their format).</summary>
public static class Cog
{
    /// <summary>The API's threshold between a village and a ville (Collectivite.SeuilVille).</summary>
    public const int SeuilVille = 3000;

    public static List<CollectiviteCog> Lire(string dossier)
    {
        var communes = Path.Combine(dossier, "communes.csv");
        var epci = Path.Combine(dossier, "epci.csv");
        if (!File.Exists(communes) || !File.Exists(epci))
            throw new ErreurUsage($"no COG files in {dossier} (communes.csv and epci.csv expected; see --cog).");
        var liste = new List<CollectiviteCog>(40_000);
        foreach (var c in Lignes(communes, "codeInsee;nom;departement;region;population;siren"))
        {
            // Uninhabited territories have no population: nobody there applies for a label.
            if (c.Length < 6 || !int.TryParse(c[4], NumberStyles.None, CultureInfo.InvariantCulture, out var population) || population == 0)
                continue;
            liste.Add(new CollectiviteCog(c[0], c[1], population,
                population < SeuilVille ? GenreCollectivite.Village : GenreCollectivite.Ville));
        }
        foreach (var e in Lignes(epci, "siren;nom;population;communes"))
        {
            if (e.Length < 3 || !int.TryParse(e[2], NumberStyles.None, CultureInfo.InvariantCulture, out var population)) continue;
            liste.Add(new CollectiviteCog(e[0], e[1], population, GenreCollectivite.Intercommunalite));
        }
        return liste;
    }

    private static IEnumerable<string[]> Lignes(string fichier, string enteteAttendue)
    {
        using var lecteur = new StreamReader(fichier, Encoding.UTF8);
        var entete = lecteur.ReadLine();
        if (entete != enteteAttendue)
            throw new ErreurUsage($"{fichier}: header « {entete} » instead of « {enteteAttendue} ».");
        while (lecteur.ReadLine() is { } ligne)
            if (ligne.Length > 0) yield return Decouper(ligne, lecteur);
    }

    /// <summary>RFC 4180 with `;`: only two EPCI names are quoted, none spans lines, but a quoted line break is still followed.</summary>
    private static string[] Decouper(string ligne, StreamReader lecteur)
    {
        var champs = new List<string>();
        var courant = new StringBuilder();
        var guillemets = false;
        for (var i = 0; ; i++)
        {
            if (i == ligne.Length)
            {
                if (!guillemets || lecteur.ReadLine() is not { } suite) break;
                courant.Append('\n');
                ligne = suite;
                i = -1;
                continue;
            }
            var c = ligne[i];
            if (guillemets)
            {
                if (c != '"') courant.Append(c);
                else if (i + 1 < ligne.Length && ligne[i + 1] == '"') { courant.Append('"'); i++; }
                else guillemets = false;
            }
            else if (c == '"') guillemets = true;
            else if (c == ';') { champs.Add(courant.ToString()); courant.Clear(); }
            else courant.Append(c);
        }
        champs.Add(courant.ToString());
        return [.. champs];
    }
}
