using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Tests;

public sealed class EditionTests
{
    private static readonly DateTimeOffset Maintenant = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Edition Nouvelle(int annee = 2022, Edition? precedente = null, bool historique = false) =>
        Edition.Ouvrir(annee, annee - 1999, historique, Calendrier.Vide, precedente, Maintenant);

    [Fact]
    public void Premiere_edition_porte_le_referentiel_par_defaut_des_16_enjeux()
    {
        var e = Nouvelle();
        Assert.Equal(StatutEdition.Preparation, e.Statut);
        Assert.Equal(16, e.Referentiel.Enjeux.Count);
        Assert.Equal(0, e.Referentiel.NombreServices);
        Assert.Contains(e.Referentiel.Enjeux, x => x.Code == "democratie-locale");
        Assert.Contains(e.Referentiel.Enjeux, x => x.Code == "developpement-economique");
        Assert.Equal(["democratie-locale", "mediation-numerique", "numerique-educatif", "arobase-verte"],
            e.Referentiel.Mentions.Select(m => m.Code));
    }

    [Fact]
    public void Le_referentiel_est_clone_de_l_edition_precedente()
    {
        var e2021 = Nouvelle(2021);
        var propre = Referentiel.Creer([new Enjeu("a", "A", [new ServiceNumerique("s1", "S1")])], [new TypeMention("m", "M")]);
        e2021.RemplacerReferentiel(propre, new HashSet<string>());
        var e2022 = Nouvelle(2022, e2021);
        Assert.Same(propre, e2022.Referentiel);
    }

    [Fact]
    public void Le_cycle_avance_d_un_pas_a_la_fois()
    {
        var e = Nouvelle();
        Assert.Throws<DomainException>(() => e.AvancerVers(StatutEdition.Evaluation));
        e.AvancerVers(StatutEdition.Candidatures);
        Assert.True(e.AccepteCandidatures);
        Assert.Throws<DomainException>(() => e.AvancerVers(StatutEdition.Preparation));
        Assert.Throws<DomainException>(() => e.AvancerVers(StatutEdition.Candidatures));
        e.AvancerVers(StatutEdition.Evaluation);
        e.AvancerVers(StatutEdition.Deliberation);
        Assert.Throws<DomainException>(() => e.AvancerVers(StatutEdition.Publiee));
        Assert.Equal(StatutEdition.Deliberation, e.Statut);
    }

    [Fact]
    public void Une_edition_historique_n_a_pas_de_cycle()
    {
        var e = Nouvelle(historique: true);
        Assert.Throws<DomainException>(() => e.AvancerVers(StatutEdition.Candidatures));
    }

    [Fact]
    public void Le_calendrier_suit_l_ordre_de_l_annee()
    {
        var desordre = new Calendrier(new DateOnly(2021, 10, 1), new DateOnly(2021, 9, 1), null, null);
        Assert.NotNull(desordre.Defaut());
        Assert.Throws<DomainException>(() => Edition.Ouvrir(2022, 23, false, desordre, null, Maintenant));
        Assert.Null(new Calendrier(new DateOnly(2021, 9, 1), null, new DateOnly(2021, 12, 1), new DateOnly(2022, 2, 3)).Defaut());
    }

    [Fact]
    public void Dossiers_modifiables_pendant_les_candidatures_ou_par_correction_jusqu_a_publication()
    {
        var e = Nouvelle();
        Assert.Throws<DomainException>(() => e.VerifierDossiersModifiables(correctionAdministrateur: false));
        e.VerifierDossiersModifiables(correctionAdministrateur: true);
        e.AvancerVers(StatutEdition.Candidatures);
        e.VerifierDossiersModifiables(correctionAdministrateur: false);
        e.AvancerVers(StatutEdition.Evaluation);
        Assert.Throws<DomainException>(() => e.VerifierDossiersModifiables(correctionAdministrateur: false));
    }
}
