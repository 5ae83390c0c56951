using Labels.Domain.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Jury;

namespace Labels.Domain.Tests;

public sealed class GrilleTests
{
    private static readonly Grille Deux = Grille.Creer(
        [new("a", "A", 0, 10, 3, true), new("b", "B", 1, 5, 1, true), new("m", "Mention", 0, 1, 0, false)], [35, 50, 65, 80]);

    [Fact]
    public void Le_score_est_la_moyenne_ponderee_des_notes_ramenees_sur_100()
    {
        // a: 6/10 → 60 (poids 3); b: (4−1)/(5−1) → 75 (poids 1) → (180 + 75) / 4 = 63.75
        Assert.Equal(63.75m, Deux.Score(new Dictionary<string, decimal> { ["a"] = 6, ["b"] = 4, ["m"] = 1 }));
        Assert.Null(Deux.Score(new Dictionary<string, decimal> { ["a"] = 6 }));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(34.99, 1)]
    [InlineData(35, 2)]
    [InlineData(49.99, 2)]
    [InlineData(50, 3)]
    [InlineData(65, 4)]
    [InlineData(79.99, 4)]
    [InlineData(80, 5)]
    [InlineData(100, 5)]
    public void Les_seuils_proposent_les_arobases_a_partir_du_seuil(double score, int arobases) =>
        Assert.Equal(arobases, Deux.ArobasesPour((decimal)score));

    [Fact]
    public void Notes_hors_grille_ou_incompletes()
    {
        Assert.Contains(Deux.DefautsDesNotes(new Dictionary<string, decimal> { ["z"] = 1 }, false), d => d.Critere == "z");
        Assert.Contains(Deux.DefautsDesNotes(new Dictionary<string, decimal> { ["a"] = 11 }, false), d => d.Critere == "a");
        Assert.Contains(Deux.DefautsDesNotes(new Dictionary<string, decimal> { ["b"] = 0 }, false), d => d.Critere == "b");
        Assert.Empty(Deux.DefautsDesNotes(new Dictionary<string, decimal> { ["a"] = 5 }, soumise: false));
        Assert.Contains(Deux.DefautsDesNotes(new Dictionary<string, decimal> { ["a"] = 5 }, soumise: true), d => d.Critere == "b");
    }

    [Fact]
    public void Une_grille_a_des_seuils_croissants_et_un_critere_compte()
    {
        Assert.NotEmpty(Grille.Defauts([new("a", "A", 0, 10, 1, true)], [50, 40, 60, 80]));
        Assert.NotEmpty(Grille.Defauts([new("a", "A", 0, 10, 1, true)], [10, 20, 30]));
        Assert.NotEmpty(Grille.Defauts([new("a", "A", 0, 10, 0, false)], [10, 20, 30, 40]));
        Assert.NotEmpty(Grille.Defauts([new("a", "A", 10, 10, 1, true)], [10, 20, 30, 40]));
        Assert.Empty(Grille.Defauts([new("a", "A", 0, 10, 1, true)], [10, 20, 30, 40]));
    }

    [Fact]
    public void Les_criteres_se_figent_a_l_evaluation_les_seuils_non()
    {
        var e = Edition.Ouvrir(2022, 23, false, Calendrier.Vide, null, DateTimeOffset.UnixEpoch);
        e.AvancerVers(StatutEdition.Candidatures);
        e.AvancerVers(StatutEdition.Evaluation);
        var memesCriteres = Grille.Creer(e.Grille.Criteres, [30, 45, 60, 75]);
        e.DefinirGrille(memesCriteres);
        Assert.Equal([30m, 45m, 60m, 75m], e.Grille.SeuilsArobases);
        Assert.Throws<DomainException>(() => e.DefinirGrille(Deux));
    }
}

public sealed class ConflitsTests
{
    private static readonly Edition Edition2022 = Edition.Ouvrir(2022, 23, false, Calendrier.Vide, null, DateTimeOffset.UnixEpoch);
    private static readonly Guid Declaree = Guid.NewGuid();

    private static MembreJury Jure(string[]? communes = null, string[]? sirens = null, string[]? departements = null, string[]? derives = null) =>
        MembreJury.Nommer(Edition2022, Guid.NewGuid(), QualiteJure.Expert, communes ?? [], sirens ?? [], departements ?? [], derives ?? [],
            [Declaree], DateTimeOffset.UnixEpoch);

    private static ProfilTerritorial Commune(string code, string dep, params string[] epci) => new(Guid.NewGuid(), code, null, dep, [], epci);
    private static ProfilTerritorial Epci(string siren, string dep, params string[] communes) => new(Guid.NewGuid(), null, siren, dep, communes, []);

    [Fact]
    public void Chaque_lien_est_un_conflit()
    {
        Assert.Equal("conflit déclaré", Jure().ConflitAvec(new ProfilTerritorial(Declaree, "01001", null, "01", [], [])));
        Assert.Equal("même commune", Jure(communes: ["62041"]).ConflitAvec(Commune("62041", "99")));
        Assert.Equal("même EPCI", Jure(sirens: ["200033579"]).ConflitAvec(Epci("200033579", "99")));
        Assert.Equal("EPCI de la commune du juré", Jure(communes: ["62041"]).ConflitAvec(Epci("200033579", "99", "62041", "62042")));
        Assert.Equal("commune de l'EPCI du juré", Jure(sirens: ["200033579"]).ConflitAvec(Commune("62042", "99", "200033579")));
        Assert.Equal("même département", Jure(departements: ["57"]).ConflitAvec(Commune("57059", "57")));
        Assert.Equal("même département", Jure(derives: ["62"]).ConflitAvec(Commune("62500", "62")));
    }

    [Fact]
    public void Sans_lien_pas_de_conflit()
    {
        var jure = Jure(communes: ["62041"], sirens: ["200033579"], departements: ["57"], derives: ["62"]);
        Assert.Null(jure.ConflitAvec(Commune("2A004", "2A", "242010056")));
        Assert.Null(jure.ConflitAvec(Epci("242010056", "2A", "2A004")));
    }
}

public sealed class RepartitionTests
{
    [Fact]
    public void Chaque_dossier_a_n_jures_charges_a_un_pres_sans_conflit_et_de_facon_deterministe()
    {
        var aleatoire = new Random(7);
        var dossiers = Enumerable.Range(0, 254).Select(_ => Guid.NewGuid()).ToArray();
        var jures = Enumerable.Range(0, 15).Select(_ => Guid.NewGuid()).ToArray();
        // About one pair in ten is conflicted.
        var conflits = dossiers.SelectMany(d => jures.Where(_ => aleatoire.NextDouble() < 0.1).Select(j => (d, j))).ToHashSet();
        bool Compatible(Guid d, Guid j) => !conflits.Contains((d, j));

        var paires = Repartition.Calculer(dossiers, jures, 3, Compatible);

        Assert.All(dossiers, d => Assert.Equal(3, paires.Count(p => p.Dossier == d)));
        Assert.Equal(paires.Count, paires.Distinct().Count());
        var charges = jures.Select(j => paires.Count(p => p.Jure == j)).ToArray();
        Assert.True(charges.Max() - charges.Min() <= 1, string.Join(",", charges));
        Assert.DoesNotContain(paires, p => conflits.Contains(p));
        Assert.Equal(paires, Repartition.Calculer(dossiers.Reverse().ToArray(), jures.Reverse().ToArray(), 3, Compatible));
    }

    [Fact]
    public void Impossible_sans_conflit_refuse()
    {
        var d = Guid.NewGuid();
        var jures = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        Assert.Throws<DomainException>(() => Repartition.Calculer([d], jures, 3, (_, j) => j != jures[0]));
        Assert.Throws<DomainException>(() => Repartition.Calculer([d], jures, 4, (_, _) => true));
    }

    [Fact]
    public void L_equilibre_prime_quand_les_conflits_le_permettent()
    {
        // Two dossiers, two jurors, one each: the only balanced answer gives each juror the dossier it may take.
        var (d1, d2, j1, j2) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var paires = Repartition.Calculer([d1, d2], [j1, j2], 1, (d, j) => !(d == d1 && j == j2));
        Assert.Contains((d1, j1), paires);
        Assert.Contains((d2, j2), paires);
    }
}

public sealed class DeliberationTests
{
    [Fact]
    public void Statistiques_d_un_exemple_calcule_a_la_main()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var (x, y, z) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // A: X=80, Y=60 (moyenne 70, écart 10); B: X=70, Z=50 (moyenne 60, écart 10).
        // Édition: 80, 60, 70, 50 → moyenne 65, écart √125 ≈ 11.1803.
        var (dossiers, jures) = Deliberation.Calculer([new(x, a, 80), new(y, a, 60), new(x, b, 70), new(z, b, 50)]);

        Assert.Equal(75m, dossiers[x].Moyenne);
        Assert.Equal(75m, dossiers[x].Mediane);
        Assert.Equal(5m, dossiers[x].EcartType!.Value, 6);
        Assert.Equal(2, dossiers[x].NombreEvaluations);
        Assert.False(dossiers[x].Desaccord);
        // Each juror's +1 σ maps to 65 + 11.1803; −1 σ to 65 − 11.1803: Y and Z become equal once leniency is removed.
        Assert.Equal(76.1803m, Math.Round(dossiers[x].MoyenneNormalisee!.Value, 4));
        Assert.Equal(53.8197m, Math.Round(dossiers[y].MoyenneNormalisee!.Value, 4));
        Assert.Equal(dossiers[y].MoyenneNormalisee, dossiers[z].MoyenneNormalisee);
        Assert.Equal(70m, jures[a].Moyenne);
        Assert.Equal(10m, jures[a].EcartType!.Value, 6);
        Assert.Equal(2, jures[b].NombreSoumises);
    }

    [Fact]
    public void Desaccord_quand_les_scores_s_ecartent()
    {
        var d = Guid.NewGuid();
        var (dossiers, _) = Deliberation.Calculer([new(d, Guid.NewGuid(), 40), new(d, Guid.NewGuid(), 80)]);
        Assert.Equal(20m, dossiers[d].EcartType!.Value, 6);
        Assert.True(dossiers[d].Desaccord);
        Assert.Equal(60m, dossiers[d].Mediane);
    }
}
