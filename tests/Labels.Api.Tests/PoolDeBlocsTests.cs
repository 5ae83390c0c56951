using System.Buffers;
using System.IO.Pipelines;
using Labels.Api.Reglages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;

namespace Labels.Api.Tests;

public sealed class PoolDeBlocsTests
{
    private const int Taille = 32 * 1024;

    [Fact]
    public void Un_bloc_a_la_taille_du_pool_et_une_demande_plus_grande_est_refusee()
    {
        using var pool = Pool();
        using var bloc = pool.Rent();
        Assert.Equal(Taille, bloc.Memory.Length);
        Assert.Equal(Taille, pool.MaxBufferSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(Taille + 1));
    }

    [Fact]
    public void Un_bloc_rendu_est_reloue_et_un_bloc_rendu_deux_fois_ne_l_est_qu_une()
    {
        using var pool = Pool();
        var bloc = pool.Rent();
        var memoire = bloc.Memory;
        bloc.Dispose();
        bloc.Dispose();
        Assert.Equal(1, pool.NombreLibres);

        using var premier = pool.Rent();
        using var second = pool.Rent();
        Assert.True(premier.Memory.Span == memoire.Span, "le bloc rendu n'a pas été reloué");
        Assert.False(second.Memory.Span == memoire.Span, "un même bloc a été loué deux fois");
    }

    [Fact]
    public void Les_blocs_restes_libres_toute_une_periode_sont_rendus_au_ramasse_miettes()
    {
        using var pool = Pool();
        Rendre(Louer(pool, 3));
        pool.Evincer(); // the period of the burst: all three were needed
        Assert.Equal(3, pool.NombreLibres);

        Rendre(Louer(pool, 1)); // one needed in this period, two never
        pool.Evincer();
        Assert.Equal(1, pool.NombreLibres);

        pool.Evincer(); // nobody asked
        Assert.Equal(0, pool.NombreLibres);
    }

    [Fact]
    public void Le_pool_ne_garde_pas_plus_de_64_Mio_de_blocs_libres()
    {
        using var pool = new PoolDeBlocs(1 << 20, new HorlogeArretee());
        Assert.Equal(64, pool.MaximumLibres);
        Rendre(Louer(pool, 70));
        Assert.Equal(64, pool.NombreLibres);
    }

    [Fact]
    public async Task Des_pipes_concurrents_sur_le_pool_transmettent_chacun_ses_octets_intacts()
    {
        using var pool = Pool();
        var options = new PipeOptions(pool, minimumSegmentSize: 4096, pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024,
            useSynchronizationContext: false);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var tour = 0; tour < 4; tour++)
            {
                var envoye = new byte[150_000 + 977 * i];
                new Random(i * 31 + tour).NextBytes(envoye);
                var pipe = new Pipe(options);
                var lecture = LireToutAsync(pipe.Reader);
                for (var debut = 0; debut < envoye.Length; debut += 5_000)
                    await pipe.Writer.WriteAsync(envoye.AsMemory(debut, Math.Min(5_000, envoye.Length - debut)));
                await pipe.Writer.CompleteAsync();
                Assert.Equal(envoye, await lecture);
            }
        })));
        Assert.InRange(pool.NombreLibres, 1, pool.MaximumLibres);
    }

    [Fact]
    public void La_configuration_choisit_la_taille_ou_le_pool_de_Kestrel_et_refuse_une_taille_hors_bornes()
    {
        Assert.IsType<FabriqueDePoolsDeBlocs>(Fabrique(null));
        Assert.IsType<FabriqueDePoolsDeBlocs>(Fabrique("65536"));
        Assert.Null(Fabrique("0"));
        var erreur = Assert.Throws<InvalidOperationException>(() => Fabrique("1000"));
        Assert.Contains("Serveur:TailleDesBlocs", erreur.Message);
        Assert.Throws<InvalidOperationException>(() => Fabrique("2097152"));
    }

    /// <summary>The program's host adds Kestrel's own pool when it is created: the API's, added after, is the one resolved.</summary>
    [Fact]
    public void Le_programme_enregistre_son_pool_apres_celui_de_Kestrel()
    {
        var builder = WebApplication.CreateBuilder();
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IMemoryPoolFactory<byte>));
        builder.Services.AddApi(builder.Configuration);
        var dernier = builder.Services.Last(d => d.ServiceType == typeof(IMemoryPoolFactory<byte>));
        Assert.Equal(typeof(FabriqueDePoolsDeBlocs).Assembly, dernier.ImplementationFactory?.Method.DeclaringType?.Assembly);
    }

    private static IMemoryPoolFactory<byte>? Fabrique(string? taille)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(taille is null ? [] : [new("Serveur:TailleDesBlocs", taille)]).Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new HorlogeArretee());
        DependencyInjection.AjouterPoolDeBlocs(services, configuration);
        return services.BuildServiceProvider().GetService<IMemoryPoolFactory<byte>>();
    }

    private static async Task<byte[]> LireToutAsync(PipeReader lecteur)
    {
        var recu = new ArrayBufferWriter<byte>();
        while (true)
        {
            var resultat = await lecteur.ReadAsync();
            foreach (var segment in resultat.Buffer) recu.Write(segment.Span);
            lecteur.AdvanceTo(resultat.Buffer.End);
            if (resultat.IsCompleted) break;
        }
        await lecteur.CompleteAsync();
        return recu.WrittenSpan.ToArray();
    }

    private static PoolDeBlocs Pool() => new(Taille, new HorlogeArretee());

    private static List<IMemoryOwner<byte>> Louer(MemoryPool<byte> pool, int nombre) =>
        Enumerable.Range(0, nombre).Select(_ => pool.Rent()).ToList();

    private static void Rendre(List<IMemoryOwner<byte>> blocs) => blocs.ForEach(b => b.Dispose());
}

/// <summary>A clock whose timers never fire: the tests run the pool's eviction themselves.</summary>
internal sealed class HorlogeArretee : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Minuteur();

    private sealed class Minuteur : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
