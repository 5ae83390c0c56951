namespace Labels.Api.Documentation;

// The shape of an import's JSON body, for the document only: the import reads its body itself, as a stream, and
// checks it line by line with the domain's rules (docs/import.md).

/// <summary>A year of dossiers to import.</summary>
public sealed record DossiersAImporter(IReadOnlyList<DossierAImporter> Dossiers);

/// <summary>One collectivité's dossier: the collectivité, its distinction (archived éditions only) and its fiches.</summary>
public sealed record DossierAImporter(CollectiviteAImporter Collectivite, DistinctionAImporter? Distinction, IReadOnlyList<FicheAImporter>? Fiches);

/// <summary>The collectivité by its COG code (a commune) or its SIREN (an EPCI): one of the two.</summary>
public sealed record CollectiviteAImporter(string? CodeInsee, string? Siren);

/// <summary>The published distinction of an archived édition.</summary>
public sealed record DistinctionAImporter(int Arobases, IReadOnlyList<string>? Mentions);

/// <summary>One fiche action, found again by its reference, or by its title within its dossier.</summary>
public sealed record FicheAImporter(
    string? Reference, string Titre, string? Resume, string Description, DateOnly DateDebut, DateOnly? DateFin, bool EnCours,
    IReadOnlyList<string>? Enjeux, IReadOnlyList<string>? Services, IReadOnlyList<string>? Liens);
