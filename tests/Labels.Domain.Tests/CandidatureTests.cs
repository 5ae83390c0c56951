using Labels.Domain.Candidatures;
using Labels.Domain.Commun;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;

namespace Labels.Domain.Tests;

public sealed class CandidatureTests
{
    private static readonly DateTimeOffset Maintenant = new(2021, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static Edition EditionOuverte()
    {
        var e = Edition.Ouvrir(2022, 23, false, new Calendrier(null, new DateOnly(2021, 11, 15), null, null), null, Maintenant);
        e.AvancerVers(StatutEdition.Candidatures);
        return e;
    }

    private static ContenuFiche Contenu(DateOnly? fin = null, bool enCours = true, string[]? liens = null) =>
        new("REF-1", " Portail ", null, "Description", new DateOnly(2021, 3, 1), fin, enCours, [], ["education"], liens ?? []);

    [Fact]
    public void Brouillon_puis_depot_pendant_les_candidatures()
    {
        var e = EditionOuverte();
        var c = Candidature.Creer(e, Guid.NewGuid(), false, Maintenant);
        Assert.Equal(StatutCandidature.Brouillon, c.Statut);
        c.Deposer(e, Maintenant);
        Assert.Equal(StatutCandidature.Deposee, c.Statut);
        Assert.Equal(Maintenant, c.DeposeeLe);
        Assert.Throws<DomainException>(() => c.Deposer(e, Maintenant));
        Assert.Throws<DomainException>(() => c.VerifierSuppression(e, false));
        c.Retirer(e, false, Maintenant);
        Assert.Throws<DomainException>(() => c.Deposer(e, Maintenant));
        Assert.Throws<DomainException>(() => c.VerifierFichesModifiables(e, true));
    }

    [Fact]
    public void Pas_de_depot_hors_candidatures_meme_pour_un_administrateur()
    {
        var e = Edition.Ouvrir(2022, 23, false, Calendrier.Vide, null, Maintenant);
        Assert.Throws<DomainException>(() => Candidature.Creer(e, Guid.NewGuid(), false, Maintenant));
        var c = Candidature.Creer(e, Guid.NewGuid(), true, Maintenant);
        Assert.Throws<DomainException>(() => c.Deposer(e, Maintenant));
    }

    [Fact]
    public void Une_fiche_est_classee_et_nettoyee()
    {
        var e = EditionOuverte();
        var c = Candidature.Creer(e, Guid.NewGuid(), false, Maintenant);
        var f = FicheAction.Creer(c, e, Contenu(), false, Maintenant);
        Assert.Equal("Portail", f.Titre);
        Assert.Equal(["education"], f.Enjeux);
        Assert.Equal(c.Id, f.CandidatureId);
    }

    [Fact]
    public void La_periode_d_une_fiche_est_coherente()
    {
        Assert.NotNull(FicheAction.DefautDePeriode(new DateOnly(2021, 3, 1), new DateOnly(2021, 4, 1), enCours: true));
        Assert.NotNull(FicheAction.DefautDePeriode(new DateOnly(2021, 3, 1), null, enCours: false));
        Assert.NotNull(FicheAction.DefautDePeriode(new DateOnly(2021, 3, 1), new DateOnly(2021, 2, 1), enCours: false));
        Assert.Null(FicheAction.DefautDePeriode(new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 1), enCours: false));
        var e = EditionOuverte();
        var c = Candidature.Creer(e, Guid.NewGuid(), false, Maintenant);
        // The entity refuses what its rules refuse (FicheAction.Defauts), naming the field as a form or an import would.
        Assert.Equal("dateFin", Assert.Throws<DonneeInacceptableException>(
            () => FicheAction.Creer(c, e, Contenu(fin: new DateOnly(2021, 1, 1), enCours: false), false, Maintenant)).Champ);
        Assert.Equal("liens[0]", Assert.Throws<DonneeInacceptableException>(
            () => FicheAction.Creer(c, e, Contenu(liens: ["javascript:alert(1)"]), false, Maintenant)).Champ);
    }

    [Fact]
    public void Les_liens_d_une_fiche_sont_ranges_sans_blancs_et_une_fois_chacun()
    {
        var e = EditionOuverte();
        var c = Candidature.Creer(e, Guid.NewGuid(), false, Maintenant);
        var f = FicheAction.Creer(c, e, Contenu(liens: ["https://exemple.fr/b", " https://exemple.fr/a ", "https://exemple.fr/a", "https://exemple.fr/b"]),
            false, Maintenant);
        Assert.Equal(["https://exemple.fr/b", "https://exemple.fr/a"], f.Liens);
    }

    [Theory]
    [InlineData("2019-11-16", "2020-01-01", false, true)]  // under two years old at the close
    [InlineData("2019-11-15", "2020-01-01", false, false)] // exactly two years old, ended long ago
    [InlineData("2015-01-01", null, true, true)]           // old but still running
    [InlineData("2015-01-01", "2021-12-01", false, true)]  // old but ended after the close
    public void Une_action_compte_si_recente_ou_en_cours_a_la_cloture(string debut, string? fin, bool enCours, bool retenue)
    {
        var e = EditionOuverte();
        var c = Candidature.Creer(e, Guid.NewGuid(), false, Maintenant);
        var f = FicheAction.Creer(c, e,
            new ContenuFiche(null, "T", null, "D", DateOnly.Parse(debut), fin is null ? null : DateOnly.Parse(fin), enCours, [], ["education"], []),
            false, Maintenant);
        Assert.Equal(retenue, f.EstRetenue(new DateOnly(2021, 11, 15)));
        Assert.True(f.EstRetenue(null));
    }

    [Fact]
    public void Une_distinction_va_de_1_a_5_arobases_avec_les_mentions_de_l_edition()
    {
        var e = EditionOuverte();
        var c = Candidature.Creer(e, Guid.NewGuid(), false, Maintenant);
        Assert.Throws<DomainException>(() => Distinction.Attribuer(c, e, 0, [], Maintenant));
        Assert.Throws<DomainException>(() => Distinction.Attribuer(c, e, 6, [], Maintenant));
        Assert.Throws<DonneeInacceptableException>(() => Distinction.Attribuer(c, e, 3, ["inconnue"], Maintenant));
        var d = Distinction.Attribuer(c, e, 5, ["arobase-verte", "democratie-locale", "arobase-verte"], Maintenant);
        Assert.Equal(5, d.Arobases);
        Assert.Equal(["arobase-verte", "democratie-locale"], d.Mentions);
        Assert.Equal(c.CollectiviteId, d.CollectiviteId);
    }
}
