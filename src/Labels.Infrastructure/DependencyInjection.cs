using Labels.Application.Commun;
using Labels.Infrastructure.Cog;
using Labels.Infrastructure.Identite;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Labels.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var chaine = configuration.GetConnectionString("Labels")
            ?? throw new InvalidOperationException("ConnectionStrings:Labels n'est pas configurée.");
        services.AddDbContext<LabelsDbContext>(o => CommandesEnEchec.Configurer(LabelsDbContext.Configurer(o, chaine)));
        services.AddScoped<ILabelsDbContext>(sp => sp.GetRequiredService<LabelsDbContext>());
        services.AddScoped<ChargeurCog>();
        services.AddSingleton<Application.Cog.ITerritoires, TerritoiresCog>();
        services.AddScoped<IComptes, Comptes>();
        services.AddScoped<Connexions>();
        services.AddScoped<Renouvellements>();
        services.AddScoped<OuverturesDeSession>();
        services.AddSingleton<Sessions>();
        services.AddScoped<Application.Palmares.ICatalogueFiches, Catalogue.CatalogueFiches>();
        services.AddSingleton<Telemetrie.MesuresLabels>();
        services.AddScoped<Application.Imports.IChargeurImport, Imports.ChargeurImport>();
        services.Configure<Imports.OptionsImports>(configuration.GetSection("Imports"));
        // The queue's runner waits this long between two looks: nothing (or less) would make it spin, or fail at its first wait.
        if (configuration.GetSection("Imports").Get<Imports.OptionsImports>() is { Intervalle: var intervalle } && intervalle <= TimeSpan.Zero)
            throw new InvalidOperationException($"Imports:Intervalle doit être une durée positive (00:00:05 par défaut), pas {intervalle}.");
        services.AddSingleton<Application.Imports.IProgressionImports, Imports.ProgressionImports>();
        services.AddSingleton<Imports.InstanceImports>();
        services.AddScoped<Application.Imports.IProprieteImports, Imports.ProprieteImports>();
        services.AddSingleton<Imports.FileImports>();
        services.AddSingleton<Application.Imports.IFileImports>(sp => sp.GetRequiredService<Imports.FileImports>());
        services.AddHostedService(sp => sp.GetRequiredService<Imports.FileImports>());

        services.Configure<Webhooks.OptionsWebhooks>(configuration.GetSection("Webhooks"));
        if (configuration.GetSection("Webhooks").Get<Webhooks.OptionsWebhooks>() is { } webhooks
            && (webhooks.Intervalle <= TimeSpan.Zero || webhooks.DelaiDeReponse <= TimeSpan.Zero || webhooks.DelaiDeReponse >= Domain.Webhooks.Livraison.Bail
                || webhooks.EnvoisSimultanes < 1))
            throw new InvalidOperationException("Webhooks : Intervalle et DelaiDeReponse sont des durées positives, DelaiDeReponse plus courte "
                + $"que le bail d'une livraison ({Domain.Webhooks.Livraison.Bail}), EnvoisSimultanes au moins 1.");
        services.AddSingleton<Webhooks.SecretsWebhooks>();
        services.AddSingleton<Application.Webhooks.ISecretsWebhooks>(sp => sp.GetRequiredService<Webhooks.SecretsWebhooks>());
        services.AddSingleton<Webhooks.CiblesWebhooks>();
        services.AddSingleton<Application.Webhooks.ICiblesWebhooks>(sp => sp.GetRequiredService<Webhooks.CiblesWebhooks>());
        services.AddSingleton<Webhooks.EnvoiWebhook>();
        // Redirects are not followed (a receiver cannot send a signed event elsewhere), and every connection goes through the
        // address policy.
        services.AddHttpClient(Webhooks.EnvoiWebhook.Client, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<Webhooks.CiblesWebhooks>().ConnecterAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        services.AddSingleton<Webhooks.LivreurWebhooks>();
        services.AddScoped<Application.Webhooks.ILivreurWebhooks, Webhooks.SignalLivreurs>();
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.LivreurWebhooks>());

        services.AddIdentityCore<Compte>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                // Lockout is the API's own, per e-mail address and client (Connexions), not Identity's per account.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LabelsDbContext>()
            .AddClaimsPrincipalFactory<FabriqueDePrincipal>()
            .AddSignInManager()
            .AddErrorDescriber<ErreursIdentiteEnFrancais>()
            .AddDefaultTokenProviders();

        // Tokens are protected with keys kept in PostgreSQL: they survive restarts and work on every instance.
        services.AddDataProtection().SetApplicationName("Labels").ProtegerLesCles(configuration);
        return services;
    }
}
