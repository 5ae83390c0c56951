
namespace Labels.Infrastructure.Identite;

/// <summary>A refresh token already exchanged: presenting it again is refused (and taken as a theft).</summary>
public sealed class RenouvellementUtilise
{
    public required string Emission { get; set; }
    public Guid CompteId { get; set; }
    public DateTimeOffset UtiliseLe { get; set; }
}
