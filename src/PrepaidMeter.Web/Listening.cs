using System.Net;

namespace PrepaidMeter.Web;

/// <summary>Where a server of this project listens, as <c>host:port</c>.</summary>
public static class Listening
{
    /// <summary>Whether <paramref name="listen"/> (host:port) is this machine only: 127.0.0.0/8, ::1 or localhost.</summary>
    public static bool IsLoopback(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var colon = listen.LastIndexOf(':');
        var host = (colon < 0 ? listen : listen[..colon]).Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
