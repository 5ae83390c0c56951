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
            && PourcentsValides(url) && PortEcrit(url)
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 && uri.Host.Length is > 0 and <= 253 && uri.Port is > 0 and <= 65535
            ? uri : null;

    /// <summary>Every « % » followed by two hexadecimal digits: otherwise the URL would be mended into another one before sending.</summary>
    private static bool PourcentsValides(string url)
    {
        for (var i = url.IndexOf('%'); i >= 0; i = url.IndexOf('%', i + 1))
            if (i + 2 >= url.Length || !Uri.IsHexDigit(url[i + 1]) || !Uri.IsHexDigit(url[i + 2])) return false;
        return true;
    }

    /// <summary>A port, when the authority names one, written as a number from 1 to 65535 without leading zero (not empty).</summary>
    private static bool PortEcrit(string url)
    {
        var debut = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var fin = url.IndexOfAny(['/', '?', '#'], debut);
        var autorite = fin < 0 ? url[debut..] : url[debut..fin];
        var crochet = autorite.LastIndexOf(']');
        var deuxPoints = autorite.IndexOf(':', crochet + 1);
        if (deuxPoints < 0) return true;
        var port = autorite[(deuxPoints + 1)..];
        return port.Length is > 0 and <= 5 && port[0] != '0' && port.All(char.IsAsciiDigit) && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) <= 65535;
    }

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
