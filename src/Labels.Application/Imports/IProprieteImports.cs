namespace Labels.Application.Imports;

/// <summary>
/// Which instance runs which import, told by PostgreSQL: the connection that runs an import holds a lock on it from the moment
/// the run is started or claimed until its outcome is written. A run « en cours » whose lock nobody holds belongs to an
/// instance that is gone (its connection closed, so its transaction rolled back); one whose lock is held is alive, wherever.
/// </summary>
public interface IProprieteImports
{
    /// <summary>This process's id, recorded on the runs it executes.</summary>
    Guid Instance { get; }

    /// <summary>Takes the run's lock on the DbContext's connection, kept open until disposed, before its record is written.</summary>
    Task<IAsyncDisposable> TenirAsync(Guid importId, CancellationToken ct);
}
