using System.Diagnostics;
using System.Globalization;

namespace Labels.Cli.Import;

/// <summary>
/// Bytes sent out of the total, on standard error: a bar redrawn in place on a terminal, a plain
/// line every 10 % otherwise (a log file must not fill up with carriage returns).
/// </summary>
public sealed class BarreDeProgression(long total, TextWriter sortie, bool terminal)
{
    private const int Largeur = 30;
    private static readonly long IntervalleDessin = Stopwatch.Frequency / 10;

    private readonly Stopwatch _chrono = Stopwatch.StartNew();
    private long _envoyes;
    private long _dernierDessin = long.MinValue;
    private int _dernierDixieme = -1;
    private readonly TaskCompletionSource _envoye = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Ecoule => _chrono.Elapsed;

    /// <summary>Completes once the whole file has been read out to the connection.</summary>
    public Task Envoye => _envoye.Task;

    public void Avancer(int octets)
    {
        _envoyes += octets;
        if (terminal)
        {
            var maintenant = _chrono.ElapsedTicks;
            if (maintenant - _dernierDessin < IntervalleDessin) return;
            _dernierDessin = maintenant;
            Dessiner();
        }
        else
        {
            var dixieme = total == 0 ? 10 : (int)(_envoyes * 10 / total);
            if (dixieme <= _dernierDixieme) return;
            _dernierDixieme = dixieme;
            sortie.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {dixieme * 10,3} %  {Mo(_envoyes)} / {Mo(total)} MB  {Debit()} MB/s"));
        }
    }

    public void Terminer()
    {
        if (!_envoye.TrySetResult()) return;
        if (terminal)
        {
            Dessiner();
            sortie.WriteLine();
        }
        else if (_dernierDixieme < 10)
        {
            sortie.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {Mo(_envoyes)} / {Mo(total)} MB"));
        }
    }

    private void Dessiner()
    {
        var part = total == 0 ? 1.0 : Math.Min(1.0, (double)_envoyes / total);
        var pleins = (int)(part * Largeur);
        sortie.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', pleins)}{new string('.', Largeur - pleins)}] {part * 100,5:0.0} %  {Mo(_envoyes)} / {Mo(total)} MB  {Debit()} MB/s "));
    }

    private string Debit()
    {
        var secondes = _chrono.Elapsed.TotalSeconds;
        return secondes < 0.001 ? "-" : (_envoyes / 1e6 / secondes).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string Mo(long octets) => (octets / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>Reads the file for HttpClient and tells the bar what went out.</summary>
public sealed class FluxProgression(Stream interne, BarreDeProgression barre) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => interne.Length;
    public override long Position { get => interne.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Compter(interne.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Compter(await interne.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Compter(int lus)
    {
        if (lus > 0) barre.Avancer(lus);
        else barre.Terminer();
        return lus;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) interne.Dispose();
        base.Dispose(disposing);
    }
}
