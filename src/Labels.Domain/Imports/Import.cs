using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Imports;

public enum FormatImport { Json, Csv }

public enum StatutImport
{
    /// <summary>Accepted asynchronously, its file saved: waits for an instance to claim it (the run record is the queue).</summary>
    EnAttente,
    /// <summary>Running on one instance (an asynchronous import shows its progress meanwhile).</summary>
    EnCours,
    /// <summary>Applied: the whole file is written.</summary>
    Applique,
    /// <summary>Dry run without error: nothing written, the report says what would be.</summary>
    Valide,
    /// <summary>The file has errors: nothing written, the report lists them all.</summary>
    Refuse,
    /// <summary>A technical failure: nothing written.</summary>
    Echoue,
    /// <summary>
    /// Stopped before its end, nothing written: the instance running it died (its transaction never committed), the caller of a
    /// synchronous import went away, or the file of a waiting one was lost.
    /// </summary>
    Interrompu,
}

/// <summary>One run of the yearly import: who, when, which file (SHA-256), counts, outcome.</summary>
public sealed class Import
{
    private Import() { Empreinte = ""; }

    public Guid Id { get; private set; }
    public int EditionAnnee { get; private set; }
    public Guid? AuteurId { get; private set; }
    public FormatImport Format { get; private set; }
    /// <summary>The charset the file declared in its Content-Type (canonical name); null when none was: the file is UTF-8.</summary>
    public string? Encodage { get; private set; }
    public bool DryRun { get; private set; }
    public bool Asynchrone { get; private set; }
    public StatutImport Statut { get; private set; }
    /// <summary>An asynchronous import's saved file: its name in the folder the instances share (Imports:Dossier).</summary>
    public string? Fichier { get; private set; }
    /// <summary>The instance (one per process) that runs it, or ran it; null while it waits.</summary>
    public Guid? Instance { get; private set; }
    /// <summary>SHA-256 of the file as received (hex), known once the body has been read.</summary>
    public string Empreinte { get; private set; }
    public long Octets { get; private set; }
    public int LignesLues { get; private set; }
    public DateTimeOffset DemarreLe { get; private set; }
    public DateTimeOffset? TermineLe { get; private set; }
    /// <summary>The report (JSON) once finished.</summary>
    public string? Rapport { get; private set; }

    /// <summary>A synchronous import, run at once by the instance that received it.</summary>
    public static Import Demarrer(Edition edition, Guid? auteurId, FormatImport format, bool dryRun, Guid instance, DateTimeOffset maintenant,
        string? encodage = null)
    {
        var import = Nouveau(edition, auteurId, format, dryRun, asynchrone: false, maintenant, encodage);
        import.Statut = StatutImport.EnCours;
        import.Instance = instance;
        return import;
    }

    /// <summary>An asynchronous import whose file is saved as <paramref name="fichier"/>: it waits for an instance to claim it.</summary>
    public static Import Planifier(Edition edition, Guid? auteurId, FormatImport format, bool dryRun, string fichier, DateTimeOffset maintenant,
        string? encodage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fichier);
        var import = Nouveau(edition, auteurId, format, dryRun, asynchrone: true, maintenant, encodage);
        import.Statut = StatutImport.EnAttente;
        import.Fichier = fichier;
        return import;
    }

    private static Import Nouveau(Edition edition, Guid? auteurId, FormatImport format, bool dryRun, bool asynchrone, DateTimeOffset maintenant,
        string? encodage)
    {
        ArgumentNullException.ThrowIfNull(edition);
        edition.VerifierImportPossible();
        return new Import
        {
            Id = Guid.CreateVersion7(maintenant),
            EditionAnnee = edition.Annee,
            AuteurId = auteurId,
            Format = format,
            Encodage = encodage,
            DryRun = dryRun,
            Asynchrone = asynchrone,
            DemarreLe = maintenant,
        };
    }

    /// <summary>An instance claims a waiting import and runs it.</summary>
    public void Prendre(Guid instance)
    {
        if (Statut != StatutImport.EnAttente) throw new DomainException("Seul un import en attente peut être pris.");
        Statut = StatutImport.EnCours;
        Instance = instance;
    }

    /// <summary>Its instance stopped before the end (nothing written, the file kept): the import waits again for any instance.</summary>
    public void Remettre()
    {
        if (Statut != StatutImport.EnCours || !Asynchrone) throw new DomainException("Seul un import asynchrone en cours retourne en attente.");
        Statut = StatutImport.EnAttente;
        Instance = null;
        LignesLues = 0;
    }

    public void Terminer(StatutImport statut, string empreinte, long octets, int lignesLues, string rapportJson, DateTimeOffset maintenant)
    {
        if (statut == StatutImport.EnCours) throw new ArgumentException("Un import se termine dans un autre état.", nameof(statut));
        if (Statut != StatutImport.EnCours) throw new DomainException("Cet import est déjà terminé.");
        Statut = statut;
        Empreinte = empreinte;
        Octets = octets;
        LignesLues = lignesLues;
        Rapport = rapportJson;
        TermineLe = maintenant;
    }

    /// <summary>
    /// Stopped before its end, nothing written (see <see cref="StatutImport.Interrompu"/>), <paramref name="rapportJson"/> saying why.
    /// Only a run that waits or runs: once finished, an import keeps its outcome.
    /// </summary>
    public bool Interrompre(string rapportJson, DateTimeOffset maintenant)
    {
        if (Statut is not (StatutImport.EnCours or StatutImport.EnAttente)) return false;
        Statut = StatutImport.Interrompu;
        Rapport = rapportJson;
        TermineLe = maintenant;
        return true;
    }
}
