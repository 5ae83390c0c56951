using Labels.Domain.Jury;
using Labels.Domain.Palmares;
using Labels.Domain.Securite;
using Labels.Domain.Webhooks;
using Labels.Infrastructure.Identite;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Labels.Infrastructure.Persistance;

/// <summary>The fingerprint of the COG data loaded in the database, so start-up reloads it only when it changed.</summary>
internal sealed class VersionCog
{
    public required string Empreinte { get; set; }
    public DateTimeOffset ChargeeLe { get; set; }
}
