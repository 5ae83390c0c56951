using System.Text.RegularExpressions;
using Labels.Domain.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>Imports' limits and queue (configuration section <c>Imports</c>).</summary>
public sealed partial class OptionsImports
{
    /// <summary>Largest accepted file; beyond it the answer is 413.</summary>
    public long TailleMax { get; set; } = 2L << 30;

    /// <summary>Files larger than this run asynchronously (202 and GET /imports/{id}).</summary>
    public long SeuilAsynchrone { get; set; } = 32L << 20;

    /// <summary>
    /// Where asynchronous imports' files wait for their run; the system's temporary folder by default. Every instance on one
    /// database must see the same folder: an instance runs only the imports whose file it finds there.
    /// </summary>
    public string? Dossier { get; set; }

    /// <summary>Whether this instance runs the queued imports (any instance accepts them); false leaves them to the others.</summary>
    public bool Executer { get; set; } = true;

    /// <summary>How often a running instance looks at the queue for imports accepted elsewhere and for runs of instances that are gone.</summary>
    public TimeSpan Intervalle { get; set; } = TimeSpan.FromSeconds(5);

    public string DossierEffectif => Dossier ?? Path.Combine(Path.GetTempPath(), "labels-imports");

    /// <summary>The saved file of an accepted import: a name of ours, so that nothing else in the folder is ever taken for one.</summary>
    public static string NomDeFichier(Guid id, FormatImport format) => $"{id:N}.{(format == FormatImport.Json ? "json" : "csv")}";

    public static bool EstNomDeFichier(string nom) => Nom().IsMatch(nom);

    [GeneratedRegex("^[0-9a-f]{32}\\.(csv|json)$")]
    private static partial Regex Nom();
}
