namespace Labels.Domain.Webhooks;

/// <summary>
/// The events a portal can subscribe to, each a public fact at the instant it is sent (docs/webhooks.md). The key figures
/// become visible with the palmarès they are computed from, at the same instant: their URL is in the palmarès' events rather
/// than in an event of their own, which would only ever arrive beside it.
/// </summary>
public static class TypesEvenement
{
    /// <summary>An édition's first release becomes visible.</summary>
    public const string PalmaresPublie = "palmares.publie";

    /// <summary>A correction (version n+1) becomes visible, with its change log.</summary>
    public const string PalmaresCorrige = "palmares.corrige";

    /// <summary>An édition moves along its lifecycle; « publiee » at the instant its results become visible.</summary>
    public const string EditionStatut = "edition.statut";

    /// <summary>Sent by hand to one subscription, to try its receiver; never subscribed to.</summary>
    public const string Ping = "ping";

    public static readonly IReadOnlyList<string> Abonnables = [PalmaresPublie, PalmaresCorrige, EditionStatut];
}
