using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Labels.Cli.Generation;

/// <summary>A published distinction of an archived édition.</summary>
public sealed record DistinctionGeneree(int Arobases, string[] Mentions);

/// <summary>Writes dossiers as they are drawn: nothing but the current dossier is held.</summary>
public interface IEcrivainDossiers : IDisposable
{
    void Dossier(DossierPrevu dossier, DistinctionGeneree? distinction);
    void Fiche(FicheGeneree fiche);
    void FinDossier();
    void Fin();
}

/// <summary>The CSV of docs/import.md: `;`, a header, one line per fiche, `|` inside list cells, RFC 4180 quoting.</summary>
public sealed class EcrivainCsv : IEcrivainDossiers
{
    private static readonly string[] Colonnes =
        ["collectivite", "arobases", "mentions", "reference", "titre", "resume", "description", "dateDebut", "dateFin", "enCours", "enjeux", "services", "liens"];

    private readonly StreamWriter _sortie;
    private string _code = "";
    private string _arobases = "";
    private string _mentions = "";

    public EcrivainCsv(Stream flux)
    {
        _sortie = new StreamWriter(flux, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
        _sortie.WriteLine(string.Join(';', Colonnes));
    }

    public void Dossier(DossierPrevu dossier, DistinctionGeneree? distinction)
    {
        _code = dossier.Collectivite.Code;
        _arobases = distinction?.Arobases.ToString(CultureInfo.InvariantCulture) ?? "";
        _mentions = distinction is null ? "" : string.Join('|', distinction.Mentions);
    }

    public void Fiche(FicheGeneree f)
    {
        // The distinction is repeated on each line of its dossier: the API checks the lines agree.
        Cellule(_code);
        Cellule(_arobases);
        Cellule(_mentions);
        Cellule(f.Reference);
        Cellule(f.Titre);
        Cellule(f.Resume);
        Cellule(f.Description);
        Cellule(f.DateDebut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Cellule(f.DateFin?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Cellule(f.EnCours ? "true" : "false");
        Cellule(string.Join('|', f.Enjeux));
        Cellule(""); // services: the default référentiel has none
        Cellule(string.Join('|', f.Liens), derniere: true);
    }

    public void FinDossier() { }

    public void Fin() => _sortie.Flush();

    private void Cellule(string? valeur, bool derniere = false)
    {
        if (!string.IsNullOrEmpty(valeur))
        {
            if (valeur.AsSpan().IndexOfAny(";\"\n\r") < 0) _sortie.Write(valeur);
            else
            {
                _sortie.Write('"');
                _sortie.Write(valeur.Replace("\"", "\"\"", StringComparison.Ordinal));
                _sortie.Write('"');
            }
        }
        if (derniere) _sortie.Write('\n');
        else _sortie.Write(';');
    }

    public void Dispose() => _sortie.Dispose();
}

/// <summary>The JSON of docs/import.md, compact, flushed after each dossier.</summary>
public sealed class EcrivainJson : IEcrivainDossiers
{
    private readonly Stream _flux;
    private readonly Utf8JsonWriter _sortie;

    public EcrivainJson(Stream flux)
    {
        _flux = flux;
        // Accents as UTF-8, not \u escapes: what a French export looks like, and a smaller file.
        _sortie = new Utf8JsonWriter(flux, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _sortie.WriteStartObject();
        _sortie.WriteStartArray("dossiers");
    }

    public void Dossier(DossierPrevu dossier, DistinctionGeneree? distinction)
    {
        _sortie.WriteStartObject();
        _sortie.WriteStartObject("collectivite");
        _sortie.WriteString(dossier.Collectivite.EstIntercommunalite ? "siren" : "codeInsee", dossier.Collectivite.Code);
        _sortie.WriteEndObject();
        if (distinction is not null)
        {
            _sortie.WriteStartObject("distinction");
            _sortie.WriteNumber("arobases", distinction.Arobases);
            Liste("mentions", distinction.Mentions);
            _sortie.WriteEndObject();
        }
        _sortie.WriteStartArray("fiches");
    }

    public void Fiche(FicheGeneree f)
    {
        _sortie.WriteStartObject();
        if (f.Reference is not null) _sortie.WriteString("reference", f.Reference);
        _sortie.WriteString("titre", f.Titre);
        if (f.Resume is not null) _sortie.WriteString("resume", f.Resume);
        _sortie.WriteString("description", f.Description);
        _sortie.WriteString("dateDebut", f.DateDebut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (f.DateFin is { } fin) _sortie.WriteString("dateFin", fin.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        _sortie.WriteBoolean("enCours", f.EnCours);
        Liste("enjeux", f.Enjeux);
        if (f.Liens.Length > 0) Liste("liens", f.Liens);
        _sortie.WriteEndObject();
    }

    public void FinDossier()
    {
        _sortie.WriteEndArray();
        _sortie.WriteEndObject();
        _sortie.Flush();
    }

    public void Fin()
    {
        _sortie.WriteEndArray();
        _sortie.WriteEndObject();
        _sortie.Flush();
        _flux.Write("\n"u8);
        _flux.Flush();
    }

    private void Liste(string nom, string[] valeurs)
    {
        _sortie.WriteStartArray(nom);
        foreach (var v in valeurs) _sortie.WriteStringValue(v);
        _sortie.WriteEndArray();
    }

    public void Dispose() => _sortie.Dispose();
}
