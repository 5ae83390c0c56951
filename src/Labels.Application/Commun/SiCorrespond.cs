namespace Labels.Application.Commun;

/// <summary>
/// An If-Match precondition as RFC 9110 (13.1.1) has it: <c>*</c> (any current representation) or a list of
/// entity-tags, compared strongly (a weak tag never matches a write's precondition).
/// </summary>
public sealed record SiCorrespond(bool Toute, IReadOnlyList<string> EtiquettesFortes)
{
    public bool Accepte(string etiquetteCourante) => Toute || EtiquettesFortes.Contains(etiquetteCourante, StringComparer.Ordinal);
}
