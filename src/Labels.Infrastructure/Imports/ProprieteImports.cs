using Labels.Application.Imports;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The locks of <see cref="IProprieteImports"/>: session-level advisory locks keyed by the run's id, held by the connection
/// that runs it, so that PostgreSQL lets go of them when that connection closes — with the instance, or with its transaction.
/// </summary>
internal sealed class ProprieteImports(LabelsDbContext db, InstanceImports instance) : IProprieteImports
{
    private const int Cle = 4242002;

    public Guid Instance => instance.Id;

    public async Task<IAsyncDisposable> TenirAsync(Guid importId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A new run's id: nobody else takes its lock, unless a hash collision makes it wait for another run's end.
            await using var commande = new NpgsqlCommand($"SELECT pg_advisory_lock({Cle}, hashtext(@id))", Connexion(db));
            commande.Parameters.AddWithValue("id", importId.ToString());
            await commande.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
        return new Tenue(db, importId);
    }

    public static async Task<bool> EssayerAsync(LabelsDbContext db, Guid importId, CancellationToken ct)
    {
        await using var commande = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Cle}, hashtext(@id))", Connexion(db));
        commande.Parameters.AddWithValue("id", importId.ToString());
        return await commande.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Lets go of the lock, once the run's outcome is written; on a broken connection it is gone already.</summary>
    public static async Task LibererAsync(LabelsDbContext db, Guid importId)
    {
        try
        {
            await using var commande = new NpgsqlCommand($"SELECT pg_advisory_unlock({Cle}, hashtext(@id))", Connexion(db));
            commande.Parameters.AddWithValue("id", importId.ToString());
            await commande.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A connection that is not open holds no session lock.
        }
    }

    private static NpgsqlConnection Connexion(LabelsDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();

    private sealed class Tenue(LabelsDbContext db, Guid importId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await LibererAsync(db, importId);
            await db.Database.CloseConnectionAsync();
        }
    }
}
