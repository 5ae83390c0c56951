using Labels.Application.Commun;


namespace Labels.Api;

/// <summary>
/// An instant in a query string (<c>?depuis=2022-02-03T14:00:00Z</c>), read as JSON bodies read one (<see cref="InstantUtcConverter"/>):
/// the framework's own binding would take whatever the invariant culture parses, <c>01/02/2023</c> as the 2nd of January. A value
/// it refuses is a binding failure, which the exception handler names with what it expects.
/// </summary>
public readonly record struct InstantDeRequete(DateTimeOffset Valeur)
{
    public static bool TryParse(string? texte, out InstantDeRequete instant)
    {
        var lu = InstantUtcConverter.Lire(texte, out var valeur);
        instant = new InstantDeRequete(valeur);
        return lu;
    }
}
