using System.Collections.Concurrent;
using System.Security.Cryptography;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The operators signed in through the browser, each under a random session id that the authentication cookie carries. The
/// back office's session (its permissions read at sign-in) lives here, on the server: the cookie proves who signed in, never
/// what they may do, and a restarted console has no sessions (every clerk signs in again). A session left idle as long as
/// the cookie lives (a browser closed without signing out) is dropped at the next sign-in.
/// </summary>
public sealed class SignedInOperators(TimeProvider time)
{
    public const string SessionClaim = "prepaid:session";

    /// <summary>How long a session lives without a request: the cookie's own sliding lifetime, a counter's working day.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(10);

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="session"/> and returns the id the cookie will carry; sessions idle past <see cref="IdleLimit"/> go.</summary>
    public string Add(OperatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        foreach (var (id, idle) in _sessions)
        {
            if (now - idle.LastSeen > IdleLimit)
            {
                _sessions.TryRemove(id, out _);
            }
        }

        var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[fresh] = new Entry(session, now);
        return fresh;
    }

    /// <summary>The live session under <paramref name="id"/> (its last request now); null for an unknown id, a session logged out or idle too long.</summary>
    public OperatorSession? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var entry) || entry.Session.IsLoggedOut)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - entry.LastSeen > IdleLimit)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        _sessions[id] = entry with { LastSeen = now };
        return entry.Session;
    }

    public OperatorSession? Remove(string? id) => id is not null && _sessions.TryRemove(id, out var entry) ? entry.Session : null;

    private sealed record Entry(OperatorSession Session, DateTimeOffset LastSeen);
}
