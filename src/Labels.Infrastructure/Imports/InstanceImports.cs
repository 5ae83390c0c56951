namespace Labels.Infrastructure.Imports;

/// <summary>This process, as the runs it executes record it.</summary>
internal sealed class InstanceImports
{
    public Guid Id { get; } = Guid.CreateVersion7();
}
