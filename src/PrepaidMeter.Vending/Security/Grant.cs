using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Security;

/// <summary>
/// The one permission check an operation makes, kept as a value. An operation of several steps (read the card,
/// record, write it, settle) checks at its start and hands the grant down; the steps that take a grant do not
/// check again, so a refusal always comes from the same place, before anything is read or written.
/// </summary>
internal sealed class Grant
{
    private Grant(OperatorSession session, Permission permission)
    {
        Session = session;
        Permission = permission;
    }

    public OperatorSession Session { get; }

    public Permission Permission { get; }

    /// <summary>The grant when <paramref name="session"/> may perform <paramref name="permission"/> now, otherwise why not.</summary>
    public static VendResult<Grant> Check(OperatorSession session, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Check(permission) is { } refusal ? refusal : new Grant(session, permission);
    }
}
