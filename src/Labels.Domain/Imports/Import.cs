using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Imports;

public enum FormatImport { Json, Csv }

public enum StatutImport
{
    /// <summary>Running (an asynchronous import shows its progress meanwhile).</summary>
    EnCours,
    /// <summary>Applied: the whole file is written.</summary>
    Applique,
    /// <summary>Dry run without error: nothing written, the report says what would be.</summary>
    Valide,
    /// <summary>The file has errors: nothing written, the report lists them all.</summary>
    Refuse,
    /// <summary>A technical failure: nothing written.</summary>
    Echoue,
    /// <summary>Stopped by a restart of the API: its transaction never committed, nothing written.</summary>
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
    /// <summary>SHA-256 of the file as received (hex), known once the body has been read.</summary>
    public string Empreinte { get; private set; }
    public long Octets { get; private set; }
    public int LignesLues { get; private set; }
    public DateTimeOffset DemarreLe { get; private set; }
    public DateTimeOffset? TermineLe { get; private set; }
    /// <summary>The report (JSON) once finished.</summary>
    public string? Rapport { get; private set; }

    public static Import Demarrer(Edition edition, Guid? auteurId, FormatImport format, bool dryRun, bool asynchrone, DateTimeOffset maintenant,
        string? encodage = null)
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
            Statut = StatutImport.EnCours,
            DemarreLe = maintenant,
        };
    }

    public void Progresser(int lignesLues) => LignesLues = Math.Max(LignesLues, lignesLues);

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

    /// <summary>At start-up, an import still running belongs to a process that is gone: its transaction rolled back.</summary>
    public void Interrompre(DateTimeOffset maintenant)
    {
        if (Statut != StatutImport.EnCours) return;
        Statut = StatutImport.Interrompu;
        TermineLe = maintenant;
    }
}
