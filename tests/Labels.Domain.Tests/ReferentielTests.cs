using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Tests;

public sealed class ReferentielTests
{
    private static readonly Referentiel AvecServices = Referentiel.Creer(
        [
            new Enjeu("education", "Éducation", [new ServiceNumerique("ent", "ENT"), new ServiceNumerique("tablettes", "Tablettes")]),
            new Enjeu("culture", "Culture", [new ServiceNumerique("mediatheque", "Médiathèque")]),
        ],
        [new TypeMention("arobase-verte", "Arobase verte")]);

    [Fact]
    public void Sans_services_une_fiche_nomme_ses_enjeux()
    {
        var (services, enjeux) = Referentiel.ParDefaut().Classer([], ["education", "culture", "education"]);
        Assert.Empty(services);
        Assert.Equal(["culture", "education"], enjeux);
    }

    [Fact]
    public void Avec_services_les_enjeux_decoulent_des_services()
    {
        var (services, enjeux) = AvecServices.Classer(["tablettes", "mediatheque", "ent"], []);
        Assert.Equal(["ent", "mediatheque", "tablettes"], services);
        Assert.Equal(["culture", "education"], enjeux);
    }

    [Fact]
    public void Codes_inconnus_ou_mal_choisis_refuses_avec_le_champ()
    {
        Assert.Equal("enjeux", Assert.Throws<DonneeInacceptableException>(() => Referentiel.ParDefaut().Classer([], ["inconnu"])).Champ);
        Assert.Equal("services", Assert.Throws<DonneeInacceptableException>(() => Referentiel.ParDefaut().Classer(["ent"], [])).Champ);
        Assert.Equal("services", Assert.Throws<DonneeInacceptableException>(() => AvecServices.Classer([], ["education"])).Champ);
        Assert.Equal("services", Assert.Throws<DonneeInacceptableException>(() => AvecServices.Classer(["inconnu"], [])).Champ);
    }

    [Fact]
    public void Codes_dupliques_ou_malformes_sont_des_defauts()
    {
        var defauts = Referentiel.Defauts(
            [new Enjeu("a", "A", [new ServiceNumerique("s", "S")]), new Enjeu("a", "", [new ServiceNumerique("s", "S2")]), new Enjeu("Pas Un Slug", "X", [])],
            [new TypeMention("m", "M"), new TypeMention("m", "M")]);
        Assert.Contains(defauts, d => d.Chemin == "enjeux[1].code");
        Assert.Contains(defauts, d => d.Chemin == "enjeux[1].nom");
        Assert.Contains(defauts, d => d.Chemin == "enjeux[1].services[0].code");
        Assert.Contains(defauts, d => d.Chemin == "enjeux[2].code");
        Assert.Contains(defauts, d => d.Chemin == "mentions[1].code");
        Assert.Throws<DomainException>(() => Referentiel.Creer([new Enjeu("a", "A", []), new Enjeu("a", "B", [])], []));
    }

    [Fact]
    public void Un_code_utilise_ne_disparait_pas_ni_ne_change_d_enjeu()
    {
        var utilises = new HashSet<string> { "enjeu:education", "service:ent", "mention:arobase-verte" };
        var sansEnt = Referentiel.Creer(
            [new Enjeu("education", "Éducation", [new ServiceNumerique("tablettes", "T")]), new Enjeu("culture", "C", [new ServiceNumerique("ent", "ENT")])],
            [new TypeMention("arobase-verte", "Arobase verte")]);
        Assert.Equal(["ent"], AvecServices.CodesPerdus(sansEnt, utilises));

        var renomme = Referentiel.Creer(
            [new Enjeu("education", "Éducation (renommé)", [new ServiceNumerique("ent", "Espace numérique de travail")])], [new TypeMention("arobase-verte", "@ verte")]);
        Assert.Empty(AvecServices.CodesPerdus(renomme, utilises));

        var sansMention = Referentiel.Creer([new Enjeu("education", "É", [new ServiceNumerique("ent", "ENT")])], []);
        Assert.Equal(["arobase-verte"], AvecServices.CodesPerdus(sansMention, utilises));
    }
}
