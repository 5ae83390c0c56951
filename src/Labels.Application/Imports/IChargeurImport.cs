using Labels.Domain.Editions;
using Labels.Domain.Imports;

namespace Labels.Application.Imports;

/// <summary>Parses, checks and applies a whole file in one transaction (Infrastructure: streaming, COPY, set-based merge).</summary>
public interface IChargeurImport
{
    /// <param name="importId">The run, whose lock the caller holds on the DbContext's connection (<see cref="IProprieteImports"/>).</param>
    /// <param name="corps">The file's bytes, which the loader's readers may dispose when they end.</param>
    /// <param name="encodage">The charset the file declared (a name of <see cref="EncodagesImport"/>), null for UTF-8 by default.</param>
    /// <returns>The report, its <see cref="RapportImport.Sha256"/> and <see cref="RapportImport.Octets"/> left to the caller, which
    /// knows what it received (<see cref="CorpsRecu"/>).</returns>
    Task<RapportImport> ChargerAsync(Guid importId, Edition edition, Stream corps, FormatImport format, string? encodage, bool dryRun,
        IProgress<int> progression, CancellationToken ct);
}
