
namespace Labels.Infrastructure.Identite;

public static class ClaimsLabels
{
    /// <summary>The collectivité an account of role <c>collectivite</c> acts for, carried in its token.</summary>
    public const string CollectiviteId = "labels:collectivite";

    /// <summary>A fresh id in every token pair: a refresh token is spent once (rotation), by this id.</summary>
    public const string Emission = "labels:emission";
}
