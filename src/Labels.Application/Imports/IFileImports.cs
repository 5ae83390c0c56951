using Labels.Domain.Imports;

namespace Labels.Application.Imports;

/// <summary>
/// The asynchronous imports' queue, which is their run records (<see cref="StatutImport.EnAttente"/>): every instance that runs
/// imports claims them in turn, off the request.
/// </summary>
public interface IFileImports
{
    /// <summary>Tells this instance's runner that an import waits, rather than let it find out at its next look.</summary>
    void Signaler();
}
