namespace Labels.Application.Imports;

/// <summary>Rows read so far by running imports, kept in memory: the import's transaction is invisible to other connections.</summary>
public interface IProgressionImports
{
    IProgress<int> Pour(Guid importId);
    int? Lues(Guid importId);
    void Oublier(Guid importId);
}
