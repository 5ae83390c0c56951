using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Palmares;

namespace Labels.Domain.Tests;

public sealed class VisibiliteTests
{
    private static readonly DateTimeOffset Maintenant = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static Edition EditionPubliee(int annee)
    {
        var edition = Edition.Ouvrir(annee, annee - 1999, historique: true, Calendrier.Vide, null, Maintenant);
        edition.Publier(0, []);
        return edition;
    }

    private static List<Laureat> Laureats(int arobases) =>
        [Laureat.Figer(Collectivite.Commune(new CommuneCog("62041", "Arras", "62", "32", 41_019, "216200410"), Maintenant), arobases, [], null)];

    [Fact]
    public void Le_public_voit_une_release_a_partir_de_son_instant_le_personnel_avant()
    {
        var publieLe = Maintenant.AddHours(1);
        Assert.False(Visibilite.Le(Maintenant).Voit(publieLe));
        Assert.True(Visibilite.Le(publieLe).Voit(publieLe));
        Assert.True(Visibilite.Personnel.Voit(publieLe));
        Assert.True(Visibilite.Personnel.VoitTout);
        Assert.False(Visibilite.Le(Maintenant).VoitTout);
    }

    [Fact]
    public void Le_predicat_des_requetes_dit_la_meme_chose()
    {
        var versions = new[] { Maintenant.AddHours(-1), Maintenant, Maintenant.AddSeconds(1) }
            .Select(p => VersionPalmares.Publier(EditionPubliee(2021), Laureats(3), null, p, null, Maintenant)).ToList();
        foreach (var visibilite in new[] { Visibilite.Le(Maintenant), Visibilite.Personnel })
            Assert.Equal(versions.Where(visibilite.Voit), versions.AsQueryable().VisiblesPar(visibilite));
    }

    [Fact]
    public void Une_edition_ne_parait_pas_avant_une_edition_anterieure()
    {
        var anterieure = Maintenant.AddHours(2);
        var refus = Assert.Throws<DomainException>(() =>
            VersionPalmares.Publier(EditionPubliee(2022), Laureats(4), null, null, anterieure, Maintenant));
        Assert.Contains("2026-12-07T14:00:00Z", refus.Message);
        Assert.Throws<DomainException>(() => VersionPalmares.Publier(EditionPubliee(2022), Laureats(4), null, anterieure.AddTicks(-1), anterieure, Maintenant));
        Assert.Equal(anterieure, VersionPalmares.Publier(EditionPubliee(2022), Laureats(4), null, anterieure, anterieure, Maintenant).PublieLe);
        Assert.Equal(Maintenant, VersionPalmares.Publier(EditionPubliee(2022), Laureats(4), null, null, Maintenant.AddDays(-300), Maintenant).PublieLe);
    }

    [Fact]
    public void Une_correction_parait_quand_le_palmares_est_public_jamais_sous_un_nouvel_embargo()
    {
        var edition = EditionPubliee(2022);
        var v1 = VersionPalmares.Publier(edition, Laureats(3), null, Maintenant.AddHours(1), null, Maintenant);
        var v2 = VersionPalmares.Publier(edition, Laureats(4), v1, null, Maintenant.AddHours(1), Maintenant);
        Assert.Equal(v1.PublieLe, v2.PublieLe);
        var v3 = VersionPalmares.Publier(edition, Laureats(5), v2, null, Maintenant.AddHours(1), Maintenant.AddHours(3));
        Assert.Equal(Maintenant.AddHours(3), v3.PublieLe);
    }

    [Fact]
    public void Les_dernieres_versions_vues_par_un_lecteur()
    {
        var edition = EditionPubliee(2021);
        var v1 = VersionPalmares.Publier(edition, Laureats(3), null, Maintenant.AddHours(-2), null, Maintenant.AddHours(-3));
        var v2 = VersionPalmares.Publier(edition, Laureats(4), v1, null, null, Maintenant.AddHours(-1));
        var autre = VersionPalmares.Publier(EditionPubliee(2022), Laureats(2), null, Maintenant, null, Maintenant);
        var toutes = new[] { v1, v2, autre }.AsQueryable();
        Assert.Equal([v2, autre], toutes.Dernieres());
        Assert.Equal([v1], toutes.VisiblesPar(Visibilite.Le(Maintenant.AddMinutes(-90))).Dernieres());
    }

    [Fact]
    public void Une_edition_ne_se_publie_ni_ne_s_ouvre_apres_une_edition_posterieure_publiee()
    {
        var edition = Edition.Ouvrir(2018, 19, historique: true, Calendrier.Vide, null, Maintenant);
        Assert.Contains("2019", Assert.Throws<DomainException>(() => edition.Publier(0, [], posterieurePubliee: 2019)).Message);
        Assert.Equal(StatutEdition.Preparation, edition.Statut);
        Assert.Throws<DomainException>(() => Edition.Ouvrir(2017, 18, true, Calendrier.Vide, null, Maintenant, posterieurePubliee: 2019));
        edition.Publier(0, []);
        Assert.Equal(StatutEdition.Publiee, edition.Statut);
    }
}
