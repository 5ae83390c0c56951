using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Labels.Infrastructure.Persistance;

/// <summary>
/// Lets `dotnet ef` build the model without starting the API, configured as the API is (same history table), so that
/// `dotnet ef database update` or `migrations script` with ConnectionStrings__Labels set work on a real database.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LabelsDbContext>
{
    public LabelsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LabelsDbContext>();
        LabelsDbContext.Configurer(options, Environment.GetEnvironmentVariable("ConnectionStrings__Labels") ?? "Host=localhost;Database=labels_design");
        return new LabelsDbContext(options.Options);
    }
}
