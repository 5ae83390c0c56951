using Labels.Infrastructure.Imports;

namespace Labels.Api.Tests;

/// <summary>The ids of an import's fiches: UUIDv7 in file order, each giving back where its fiche was in the file.</summary>
public sealed class FichesDuFichierTests
{
    private static byte[] Octets(Guid id) => id.ToByteArray(bigEndian: true);

    [Fact]
    public void Les_ids_croissent_avec_le_fichier_et_rendent_leur_ligne()
    {
        var fiches = new FichesDuFichier(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        // Past 2^20 fiches the counter spills from the random bits into the version's neighbour: cover both sides.
        const int nombre = (1 << 20) + 5_000;
        Guid precedent = default, premier = default, dernier = default;
        for (var ligne = 2; ligne < nombre + 2; ligne++)
        {
            var id = fiches.Ajouter(Origine.Csv(ligne));
            if (ligne == 2) premier = id;
            else Assert.True(Octets(precedent).AsSpan().SequenceCompareTo(Octets(id)) < 0, $"ligne {ligne}");
            precedent = dernier = id;
        }
        Assert.Equal(nombre, fiches.Nombre);
        Assert.Equal(7, premier.Version);
        Assert.Equal(7, dernier.Version);
        Assert.Equal(Origine.Csv(2), fiches.OrigineDe(premier, json: false));
        Assert.Equal(Origine.Csv(nombre + 1), fiches.OrigineDe(dernier, json: false));
        Assert.Null(fiches.OrigineDe(Guid.CreateVersion7(), json: false));
        Assert.Null(new FichesDuFichier(DateTimeOffset.UtcNow).OrigineDe(premier, json: false));
    }

    [Fact]
    public void Une_fiche_json_rend_son_chemin()
    {
        var fiches = new FichesDuFichier(DateTimeOffset.UtcNow);
        fiches.Ajouter(Origine.Json(0, 0));
        var id = fiches.Ajouter(Origine.Json(41_000, 7));
        var origine = fiches.OrigineDe(id, json: true);
        Assert.Equal("$.dossiers[41000].fiches[7].titre", origine!.Value.Chemin(".titre"));
        Assert.Equal("$.dossiers[41000].fiches[7]", origine.Value.Decrire());
    }
}
