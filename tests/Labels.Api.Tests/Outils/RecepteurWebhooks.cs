using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Labels.Api.Tests.Outils;

/// <summary>A delivery as the receiver got it.</summary>
public sealed record Recue(string Id, string Timestamp, string Signature, string Corps, DateTimeOffset Le)
{
    public JsonObject Json => JsonNode.Parse(Corps)!.AsObject();
}

/// <summary>
/// A portal's receiver: a real Kestrel server on the loopback, answering each delivery with the next status of its script
/// (200 once the script is over), recording what it got. In a script, <see cref="Muet"/> answers nothing for a minute,
/// <see cref="Bavard"/> answers 200 with a megabyte, 302 redirects to a second address that counts what reaches it.
/// </summary>
public sealed class RecepteurWebhooks : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _reponses = new();

    public const int Muet = 0;
    public const int Bavard = 2000;

    public ConcurrentQueue<Recue> Recues { get; } = new();

    /// <summary>Requests that reached the address a 302 pointed to.</summary>
    public int Ailleurs;

    public string Url { get; }

    private RecepteurWebhooks(WebApplication app, string url) => (_app, Url) = (app, url);

    public static async Task<RecepteurWebhooks> DemarrerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RecepteurWebhooks? recepteur = null;
        app.MapPost("/recepteur", async (HttpContext http) =>
        {
            var corps = await new StreamReader(http.Request.Body).ReadToEndAsync();
            recepteur!.Recues.Enqueue(new Recue(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), corps, DateTimeOffset.UtcNow));
            var statut = recepteur._reponses.TryDequeue(out var s) ? s : 200;
            switch (statut)
            {
                case Muet:
                    await Task.Delay(TimeSpan.FromMinutes(1), http.RequestAborted).ContinueWith(_ => { });
                    return Results.Ok();
                case Bavard:
                    return Results.Text(new string('x', 1_000_000));
                case 302:
                    return Results.Redirect("/ailleurs");
                default:
                    return Results.StatusCode(statut);
            }
        });
        app.MapPost("/ailleurs", () =>
        {
            Interlocked.Increment(ref recepteur!.Ailleurs);
            return Results.Ok();
        });
        await app.StartAsync();
        var adresse = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        recepteur = new RecepteurWebhooks(app, adresse + "/recepteur");
        return recepteur;
    }

    public void Repondre(params int[] statuts)
    {
        foreach (var s in statuts) _reponses.Enqueue(s);
    }

    /// <summary>Waits until <paramref name="nombre"/> deliveries have arrived, for at most ten seconds; returns them all.</summary>
    public async Task<Recue[]> AttendreAsync(int nombre, TimeSpan? delai = null)
    {
        var fin = DateTime.UtcNow + (delai ?? TimeSpan.FromSeconds(10));
        while (Recues.Count < nombre && DateTime.UtcNow < fin) await Task.Delay(50);
        return [.. Recues];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A clock that runs with the real one, moved forward on demand: embargoes and retry waits pass without waiting for them.</summary>
public sealed class HorlogeReglable : TimeProvider
{
    private long _avance;

    public void Avancer(TimeSpan duree) => Interlocked.Add(ref _avance, duree.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _avance));
}
