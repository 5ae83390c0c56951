namespace Labels.Infrastructure.Imports;

/// <summary>A byte that is not valid in the file's encoding (declared, or UTF-8 by default): the import is refused, 422.</summary>
internal sealed class EncodageInvalideException(int ligne, string message) : Exception(message)
{
    /// <summary>Physical line of the file, header = 1.</summary>
    public int Ligne { get; } = ligne;
}
