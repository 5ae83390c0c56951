
namespace Labels.Infrastructure.Identite;

/// <summary>Failed logins of one e-mail address from one client, whether or not an account has that address.</summary>
public sealed class EchecConnexion
{
    public required string Email { get; set; }
    public required string Client { get; set; }
    public int Echecs { get; set; }
    public DateTimeOffset DernierEchec { get; set; }
    public DateTimeOffset? VerrouilleJusqua { get; set; }
}
