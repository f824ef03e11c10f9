using System.Collections.Concurrent;
using System.Security.Cryptography;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The operators signed in through the browser, each under a random session id that the authentication cookie carries. The
/// back office's session (its permissions read at sign-in) lives here, on the server: the cookie proves who signed in, never
/// what they may do, and a restarted console has no sessions (every clerk signs in again).
/// </summary>
public sealed class SignedInOperators
{
    public const string SessionClaim = "prepaid:session";

    private readonly ConcurrentDictionary<string, OperatorSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="session"/> and returns the id the cookie will carry.</summary>
    public string Add(OperatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = session;
        return id;
    }

    /// <summary>The live session under <paramref name="id"/>; null for an unknown id or a session logged out.</summary>
    public OperatorSession? Find(string? id) =>
        id is not null && _sessions.TryGetValue(id, out var session) && !session.IsLoggedOut ? session : null;

    public OperatorSession? Remove(string? id) => id is not null && _sessions.TryRemove(id, out var session) ? session : null;
}
