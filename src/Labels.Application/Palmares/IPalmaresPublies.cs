namespace Labels.Application.Palmares;

/// <summary>Where published releases are kept ready to serve; told when an édition gets a new version.</summary>
public interface IPalmaresPublies
{
    void Invalider(int annee);
}
