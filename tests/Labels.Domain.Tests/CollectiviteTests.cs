using Labels.Domain.Collectivites;
using Labels.Domain.Commun;

namespace Labels.Domain.Tests;

public sealed class CollectiviteTests
{
    private static readonly DateTimeOffset Maintenant = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(58, Categorie.Village)]
    [InlineData(2_999, Categorie.Village)]
    [InlineData(3_000, Categorie.Ville)]
    [InlineData(42_875, Categorie.Ville)]
    public void Une_commune_est_village_sous_3000_habitants(int population, Categorie attendue)
    {
        var c = Collectivite.Commune(new CommuneCog("57059", "Bellange", "57", "44", population, "215700592"), Maintenant);
        Assert.Equal(attendue, c.Categorie);
        Assert.Equal(TypeCollectivite.Commune, c.Type);
        Assert.Equal("57059", c.Code);
    }

    [Fact]
    public void Une_commune_sans_population_connue_est_un_village()
    {
        var c = Collectivite.Commune(new CommuneCog("98411", "Îles Saint-Paul et Nouvelle-Amsterdam", "984", "", null, null), Maintenant);
        Assert.Equal(0, c.Population);
        Assert.Equal(Categorie.Village, c.Categorie);
    }

    [Fact]
    public void Un_epci_est_une_intercommunalite_quelle_que_soit_sa_population()
    {
        var c = Collectivite.Intercommunalite(new EpciCog("200033579", "CU d'Arras", 1_000, "62", "32", ["62041"]), Maintenant);
        Assert.Equal(Categorie.Intercommunalite, c.Categorie);
        Assert.Equal(TypeCollectivite.Intercommunalite, c.Type);
        Assert.Null(c.CodeInsee);
        Assert.Equal("200033579", c.Code);
    }

    [Fact]
    public void Codes_malformes_refuses()
    {
        Assert.Throws<DomainException>(() => Collectivite.Commune(new CommuneCog("620", "X", "62", "32", 1, null), Maintenant));
        Assert.Throws<DomainException>(() => Collectivite.Intercommunalite(new EpciCog("200033578", "X", 1, null, null, []), Maintenant));
    }
}
