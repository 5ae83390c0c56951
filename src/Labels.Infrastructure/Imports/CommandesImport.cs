using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>How the import's pieces send their SQL: one home, so that no piece calls back into the loader that uses it.</summary>
internal static class CommandesImport
{
    /// <summary>
    /// A statement of the import: no command timeout, since merging a large file takes minutes; the
    /// request's cancellation still stops it.
    /// </summary>
    internal static NpgsqlCommand Commande(string sql, NpgsqlConnection connexion) => new(sql, connexion) { CommandTimeout = 0 };

    /// <summary>A statement of the import that answers nothing.</summary>
    internal static async Task ExecuterAsync(NpgsqlConnection connexion, string sql, CancellationToken ct)
    {
        await using var commande = Commande(sql, connexion);
        await commande.ExecuteNonQueryAsync(ct);
    }

    /// <summary>No time limit for an import's COPY either (Npgsql's importer reads a zero timeout as none).</summary>
    internal static readonly TimeSpan SansLimite = TimeSpan.Zero;
}
