using FluentValidation;
using Labels.Application.Commun;
using Microsoft.Extensions.DependencyInjection;

namespace Labels.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // FluentValidation's own messages (« 'Annee' doit être compris entre… ») in French, whatever the server's culture.
        ValidatorOptions.Global.LanguageManager.Culture = new System.Globalization.CultureInfo("fr");
        // …naming the field as the caller wrote it (collectiviteId, not « Collectivite Id »).
        ValidatorOptions.Global.DisplayNameResolver = (_, membre, _) =>
            membre is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(membre.Name);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddScoped<Acces>();
        services.AddScoped<Journal>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
