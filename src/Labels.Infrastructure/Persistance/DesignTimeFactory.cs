using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Labels.Infrastructure.Persistance;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the API.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LabelsDbContext>
{
    public LabelsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<LabelsDbContext>()
        .UseNpgsql("Host=localhost;Database=labels_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
