using Labels.Application.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>Every error up to a bound (the report stays readable and small), and how many there were.</summary>
internal sealed class ErreursDuFichier
{
    public const int Max = 10_000;

    public List<ErreurImport> Liste { get; } = [];
    public int Total { get; private set; }

    public void Ajouter(int? ligne, string? chemin, string champ, string message)
    {
        Total++;
        if (Liste.Count < Max) Liste.Add(new ErreurImport(ligne, chemin, champ, message));
    }
}
