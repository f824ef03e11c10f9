using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Security;

/// <summary>
/// A logged-in operator at a counter. Permissions are read at login; a locked session (the operator
/// stepped away) refuses everything until unlocked with the password; a logged-out one is dead.
/// </summary>
public sealed class OperatorSession
{
    private readonly IReadOnlySet<Permission> _permissions;

    internal OperatorSession(long operatorId, string login, string role, IReadOnlySet<Permission> permissions, bool readOnly = false)
    {
        OperatorId = operatorId;
        Login = login;
        Role = role;
        _permissions = permissions;
        IsReadOnly = readOnly;
    }

    /// <summary>Logged in without the site's audit key: the session reads, and every write is refused (docs/vending.md, "Audit").</summary>
    public bool IsReadOnly { get; }

    public long OperatorId { get; }

    public string Login { get; }

    public string Role { get; }

    public bool IsLocked { get; internal set; }

    public bool IsLoggedOut { get; internal set; }

    public bool Has(Permission permission) => _permissions.Contains(permission);

    /// <summary>Null when the session may perform <paramref name="permission"/>, otherwise why not.</summary>
    public Refusal? Check(Permission permission)
    {
        if (IsLoggedOut)
        {
            return new(RefusalReason.NoPermission, $"operator '{Login}' has logged out");
        }

        if (IsLocked)
        {
            return new(RefusalReason.NoPermission, $"the counter is locked; operator '{Login}' must unlock it with the password");
        }

        return Has(permission)
            ? null
            : new(RefusalReason.NoPermission, $"operator '{Login}' (role {Role}) may not use '{SeedRoles.Name(permission)}'");
    }
}
