using Labels.Domain.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Imports;

namespace Labels.Domain.Tests;

public sealed class ImportTests
{
    private static readonly DateTimeOffset Maintenant = new(2021, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static Edition EditionOuverte()
    {
        var e = Edition.Ouvrir(2022, 23, false, new Calendrier(null, new DateOnly(2021, 11, 15), null, null), null, Maintenant);
        e.AvancerVers(StatutEdition.Candidatures);
        return e;
    }

    [Fact]
    public void Un_import_asynchrone_attend_est_pris_par_une_instance_et_peut_retourner_en_attente()
    {
        var instance = Guid.NewGuid();
        var import = Import.Planifier(EditionOuverte(), null, FormatImport.Csv, false, "fichier.csv", Maintenant, "windows-1252");
        Assert.Equal((StatutImport.EnAttente, (Guid?)null, "fichier.csv", "windows-1252"), (import.Statut, import.Instance, import.Fichier, import.Encodage));
        Assert.Throws<DomainException>(() => import.Remettre());
        import.Prendre(instance);
        Assert.Equal((StatutImport.EnCours, (Guid?)instance), (import.Statut, import.Instance));
        Assert.Throws<DomainException>(() => import.Prendre(Guid.NewGuid()));
        import.Remettre();
        Assert.Equal((StatutImport.EnAttente, (Guid?)null), (import.Statut, import.Instance));
    }

    [Fact]
    public void Seul_un_import_qui_attend_ou_tourne_est_interrompu_un_import_fini_garde_son_issue()
    {
        var synchrone = Import.Demarrer(EditionOuverte(), null, FormatImport.Json, false, Guid.NewGuid(), Maintenant);
        Assert.Equal(StatutImport.EnCours, synchrone.Statut);
        Assert.Throws<DomainException>(() => synchrone.Remettre());
        synchrone.Terminer(StatutImport.Applique, "", 0, 3, "{}", Maintenant);
        Assert.False(synchrone.Interrompre("{}", Maintenant));
        Assert.Equal(StatutImport.Applique, synchrone.Statut);

        var enAttente = Import.Planifier(EditionOuverte(), null, FormatImport.Csv, false, "f.csv", Maintenant);
        Assert.True(enAttente.Interrompre("""{"status":"interrompu"}""", Maintenant.AddHours(2)));
        Assert.Equal((StatutImport.Interrompu, (DateTimeOffset?)Maintenant.AddHours(2)), (enAttente.Statut, enAttente.TermineLe));
        Assert.Throws<DomainException>(() => enAttente.Prendre(Guid.NewGuid()));
    }
}
