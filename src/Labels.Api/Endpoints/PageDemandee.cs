using Labels.Application.Commun;

namespace Labels.Api.Endpoints;

/// <summary>
/// The paging every list takes, bound once (docs/contrat.md, Conventions): <c>?page=</c>, 1 by default, and <c>?pageSize=</c>,
/// <see cref="Pagination.TailleParDefaut"/> by default; their bounds are the use cases' validators'.
/// </summary>
/// <remarks>
/// The properties are named as the query names them: a value that does not bind is reported under the member's name
/// (<c>Erreurs/ParametreNonLie.cs</c>), and the caller reads that name in the 400's <c>errors</c>.
/// </remarks>
#pragma warning disable IDE1006
public readonly record struct PageDemandee(int? page, int? pageSize)
#pragma warning restore IDE1006
{
    public int Numero => page ?? 1;

    public int Taille => pageSize ?? Pagination.TailleParDefaut;
}
