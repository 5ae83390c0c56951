using Microsoft.AspNetCore.Identity;

namespace Labels.Infrastructure.Identite;

/// <summary>A person's or a script's account. A <c>collectivite</c> account acts for one collectivité.</summary>
public sealed class Compte : IdentityUser<Guid>
{
    public Guid? CollectiviteId { get; set; }

    /// <summary>Disabled by an administrator: no login, no session, no API token of its own works.</summary>
    public bool Desactive { get; set; }
}
