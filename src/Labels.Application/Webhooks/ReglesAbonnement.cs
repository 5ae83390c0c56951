using FluentValidation;
using Labels.Domain.Webhooks;

namespace Labels.Application.Webhooks;

/// <summary>The checks of a subscription's fields, shared by its creation and its change.</summary>
internal static class ReglesAbonnement
{
    public static void Url<T>(this AbstractValidator<T> validateur, Func<T, string?> url)
    {
        validateur.RuleFor(x => url(x)).NotEmpty().WithName("url").WithMessage("url est requise.")
            .MaximumLength(Abonnement.LongueurUrlMax).WithName("url").WithMessage($"url a au plus {Abonnement.LongueurUrlMax} caractères.")
            .Must(u => u is null || Absolue(u) is not null).WithName("url")
            .WithMessage("url est une URL absolue http(s) valide (hôte de 253 caractères au plus, port de 1 à 65535), sans espace, "
                + "identifiants ni fragment (https://portail.example/webhooks).");
    }

    public static void Types<T>(this AbstractValidator<T> validateur, Func<T, string?[]?> types) =>
        validateur.RuleFor(x => types(x)).Must(t => Abonnement.DefautDeTypes(t) is null).WithName("types")
            .WithMessage(x => Abonnement.DefautDeTypes(types(x)) ?? "");

    public static void Description<T>(this AbstractValidator<T> validateur, Func<T, string?> description) =>
        validateur.RuleFor(x => description(x)).MaximumLength(Abonnement.LongueurDescriptionMax).WithName("description")
            .WithMessage($"description a au plus {Abonnement.LongueurDescriptionMax} caractères.");

    /// <summary>The URL as events will be sent to it; null when it is not one (spaces are refused rather than trimmed: what is
    /// stored is what was sent).</summary>
    public static Uri? Absolue(string url) =>
        !url.Any(c => char.IsWhiteSpace(c) || c == '\\')
            && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 && uri.Host.Length is > 0 and <= 253 && uri.Port is > 0 and <= 65535
            ? uri : null;

    /// <summary>The target allowed by the configuration (<see cref="ICiblesWebhooks"/>) and the édition named existing, else a 400 naming them.</summary>
    public static async Task VerifierAsync(Commun.ILabelsDbContext db, ICiblesWebhooks cibles, string url, int? edition, CancellationToken ct)
    {
        var defauts = new List<FluentValidation.Results.ValidationFailure>();
        if (await cibles.DefautAsync(Absolue(url)!, ct) is { } defaut) defauts.Add(new("url", defaut));
        if (edition is { } annee && !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Editions, e => e.Annee == annee, ct))
            defauts.Add(new("edition", $"L'édition {annee} n'existe pas."));
        if (defauts.Count > 0) throw new ValidationException(defauts);
    }
}
