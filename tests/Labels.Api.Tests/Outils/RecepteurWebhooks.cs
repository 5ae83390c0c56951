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
/// (200 once the script is over), recording what it got.
/// </summary>
public sealed class RecepteurWebhooks : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _reponses = new();

    public ConcurrentQueue<Recue> Recues { get; } = new();

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
            return Results.StatusCode(recepteur._reponses.TryDequeue(out var statut) ? statut : 200);
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
