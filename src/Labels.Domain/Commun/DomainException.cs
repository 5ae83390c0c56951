namespace Labels.Domain.Commun;

/// <summary>A rule of the domain refused the operation in the current state (HTTP 409).</summary>
public class DomainException(string message) : Exception(message);

/// <summary>
/// Well-formed data that the domain cannot accept, each fault tied to its field (HTTP 422, every fault named): an enjeu the
/// édition does not have, a code the COG does not know, notes out of the grid's bounds.
/// </summary>
public sealed class DonneeInacceptableException : Exception
{
    public DonneeInacceptableException(string champ, string message) : this([(champ, message)]) { }

    public DonneeInacceptableException(IReadOnlyList<(string Champ, string Message)> defauts)
        : base(defauts is [var premier, ..] ? premier.Message : throw new ArgumentException("Au moins un défaut.", nameof(defauts)))
    {
        Defauts = defauts;
    }

    public IReadOnlyList<(string Champ, string Message)> Defauts { get; }

    /// <summary>The field of the first fault.</summary>
    public string Champ => Defauts[0].Champ;
}
