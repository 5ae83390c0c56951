using System.Data.Common;

namespace Labels.Application.Commun;

/// <summary>
/// A failure of the database that says nothing of the request: the server is down, restarting, refusing connections, or
/// the connection broke (the driver marks these transient). The same request may succeed a moment later.
/// </summary>
public static class PanneDeBase
{
    public static bool Est(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is DbException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException) return true;
        return false;
    }
}
