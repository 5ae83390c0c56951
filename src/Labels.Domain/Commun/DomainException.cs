namespace Labels.Domain.Commun;

/// <summary>A rule of the domain refused the operation in the current state (HTTP 409).</summary>
public class DomainException(string message) : Exception(message);

/// <summary>
/// Well-formed data that the domain cannot accept, tied to one field (HTTP 422):
/// an enjeu the édition does not have, a code the COG does not know.
/// </summary>
public sealed class DonneeInacceptableException(string champ, string message) : Exception(message)
{
    public string Champ { get; } = champ;
}
