namespace Labels.Infrastructure.Persistance;

/// <summary>The fingerprint of the COG data loaded in the database, so start-up reloads it only when it changed.</summary>
internal sealed class VersionCog
{
    public required string Empreinte { get; set; }
    public DateTimeOffset ChargeeLe { get; set; }
}
