using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;

namespace Labels.Domain.Tests;

public sealed class ExcellenceNumeriqueTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly ParametresTen Regle = ParametresTen.ParDefaut;

    private static TitreTen? Titre(int annee, int arobases, int cinqAnterieurs, params TitreTen[] titres) =>
        ExcellenceNumerique.Calculer(annee, Regle, new Dictionary<Guid, int> { [A] = arobases },
            new Dictionary<Guid, HistoriqueExcellence> { [A] = new(cinqAnterieurs, titres) })[A];

    [Fact]
    public void Le_sixieme_5_arobases_donne_le_titre_pour_trois_editions() =>
        Assert.Equal(new TitreTen(2022, 2024), Titre(2022, 5, cinqAnterieurs: 5));

    [Fact]
    public void Un_cinquieme_ne_suffit_pas() => Assert.Null(Titre(2022, 5, cinqAnterieurs: 4));

    [Fact]
    public void Il_faut_5_arobases_dans_l_edition() => Assert.Null(Titre(2022, 4, cinqAnterieurs: 8));

    [Fact]
    public void Pas_de_titre_avant_2021() => Assert.Null(Titre(2020, 5, cinqAnterieurs: 9));

    [Fact]
    public void Pas_de_second_titre_tant_que_le_premier_vaut_et_il_reste_affiche()
    {
        var premier = new TitreTen(2021, 2023);
        Assert.Equal(premier, Titre(2022, 5, 6, premier));
        Assert.Equal(premier, Titre(2023, 3, 7, premier));
    }

    [Fact]
    public void Apres_trois_editions_le_titre_expire_et_peut_se_regagner()
    {
        var premier = new TitreTen(2021, 2023);
        Assert.Null(Titre(2024, 4, 7, premier));
        Assert.Equal(new TitreTen(2024, 2026), Titre(2024, 5, 7, premier));
    }

    [Fact]
    public void Les_reglages_de_l_edition_s_appliquent()
    {
        var regle = new ParametresTen(2010, 3, 2);
        var titre = ExcellenceNumerique.Calculer(2012, regle, new Dictionary<Guid, int> { [A] = 5 },
            new Dictionary<Guid, HistoriqueExcellence> { [A] = new(2, []) })[A];
        Assert.Equal(new TitreTen(2012, 2013), titre);
    }

    [Fact]
    public void Un_titre_vaut_les_memes_annees_en_memoire_et_dans_une_requete()
    {
        var arras = Collectivite.Commune(new CommuneCog("62041", "Arras", "62", "32", 41_019, "216200410"), DateTimeOffset.UnixEpoch);
        var titre = new TitreTen(2021, 2023);
        var avec = Laureat.Figer(arras, 5, [], titre);
        var sans = Laureat.Figer(arras, 5, [], null);
        foreach (var annee in Enumerable.Range(2018, 8))
        {
            Assert.Equal(annee is >= 2021 and <= 2023, titre.EstValableEn(annee));
            Assert.Equal(titre.EstValableEn(annee), Laureat.TenValableEn(annee).Compile()(avec));
            Assert.False(Laureat.TenValableEn(annee).Compile()(sans));
        }
    }
}
