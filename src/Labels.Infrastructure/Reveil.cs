namespace Labels.Infrastructure;

/// <summary>
/// A background worker's wait between two looks at its queue: it ends after the interval, or at once when told that something
/// was written for it; told several times meanwhile, it ends once.
/// </summary>
internal sealed class Reveil
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signaler()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already told.
        }
    }

    /// <summary>Waits for the interval or a signal; false when the worker is stopping.</summary>
    public async Task<bool> AttendreAsync(TimeSpan intervalle, CancellationToken arret)
    {
        try
        {
            await _signal.WaitAsync(intervalle, arret);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
