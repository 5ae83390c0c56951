using FluentValidation;
using Labels.Application.Commun;
using Microsoft.Extensions.DependencyInjection;

namespace Labels.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddScoped<Acces>();
        services.AddScoped<Journal>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
