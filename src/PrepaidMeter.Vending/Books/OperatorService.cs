using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>
/// Operators and roles (操作员 / 权限): login, logout, lock, and their management. Only an operator with
/// "operators" may manage operators; functions the seeds reserve for administrators (meter change,
/// tool cards, operator and site management) can be granted to the administrator role only.
/// </summary>
public sealed class OperatorService
{
    private readonly VendingContext _context;

    internal OperatorService(VendingContext context)
    {
        _context = context;
        _unknown = new(() => PasswordHasher.Hash(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), context.Options.PasswordIterations));
    }

    /// <summary>
    /// Every refused login reads the same, whether the login exists, the password is wrong, or the operator is
    /// locked or disabled: the answer must not tell a stranger which logins exist. The log says which it was.
    /// </summary>
    // A hash no password matches, checked instead of a real one for a login that does not exist, is disabled or locked out.
    private readonly Lazy<(string Hash, string Salt)> _unknown;

    public const string LoginRefused = "login refused: wrong login or password, or the operator is locked out or disabled (an administrator can tell which)";

    /// <summary>
    /// Checks the password and opens a session. With the site's audit key the login is logged and failures are
    /// counted (five in a row lock the operator); without it the books are read-only, so the session can read,
    /// and nothing is written — not the login, not a failure.
    /// </summary>
    public VendResult<OperatorSession> Login(string login, string password)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(password);
        OperatorRow? row;
        try
        {
            using var connection = _context.Database.Open();
            row = connection.QueryFirstOrDefault<OperatorRow>("SELECT * FROM operators WHERE login = @login", new { login });
        }
        catch (Exception e) when (_context.Database.IsUnavailable(e))
        {
            return _context.Unavailable(e, "nobody is logged in");
        }

        var readOnly = _context.Options.AuditKey is null;
        if (row is null || row.Disabled != 0 || row.Locked != 0)
        {
            // The same password hashing as a real check, so how long a refusal takes does not tell which logins exist
            // (the web console answers to the network).
            PasswordHasher.Verify(password, _unknown.Value.Hash, _unknown.Value.Salt, _context.Options.PasswordIterations);
        }

        if (row is null)
        {
            return new Refusal(RefusalReason.LoginFailed, LoginRefused);
        }

        if (row.Disabled != 0 || row.Locked != 0)
        {
            if (!readOnly)
            {
                Record(login, row.Disabled != 0 ? "login refused: disabled" : "login refused: locked out", $"{row.FailedLogins} failed in a row before the lock-out");
            }

            return new Refusal(RefusalReason.LoginFailed, LoginRefused);
        }

        if (!PasswordHasher.Verify(password, row.PasswordHash, row.PasswordSalt, checked((int)row.PasswordIterations)))
        {
            if (!readOnly)
            {
                var count = row.FailedLogins + 1;
                var locked = count >= _context.Options.MaxFailedLogins;
                RecordFailure(row.Id, login, count, locked);
            }

            return new Refusal(RefusalReason.LoginFailed, LoginRefused);
        }

        if (readOnly)
        {
            return new OperatorSession(row.Id, login, row.Role, Permissions(_context, row.Role), readOnly: true);
        }

        return _context.Write<OperatorSession>(null, null, scope =>
        {
            scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET failed_logins = 0 WHERE id = @Id", new { row.Id });
            scope.LogAs(login, "login", login, $"role {row.Role}");
            return new OperatorSession(row.Id, login, row.Role, Permissions(scope, row.Role));
        });
    }

    /// <summary>
    /// Whether a session opened earlier still stands: its operator neither disabled nor given another role since (a long-lived
    /// session, such as the web console's, asks on every request; a lock-out from failed logins does not end it).
    /// </summary>
    public bool IsCurrent(OperatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var connection = _context.Database.Open();
        var now = connection.QueryFirstOrDefault<(long Disabled, string Role)>("SELECT disabled, role FROM operators WHERE id = @OperatorId", new { session.OperatorId });
        return !session.IsLoggedOut && now.Role == session.Role && now.Disabled == 0;
    }

    public void Logout(OperatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.IsLoggedOut)
        {
            return;
        }

        _context.Write<bool>(session, null, scope =>
        {
            scope.Log("logout", session.Login, "");
            return true;
        });
        session.IsLoggedOut = true;
    }

    /// <summary>Locks the counter while the operator is away; <see cref="Unlock"/> needs the password.</summary>
#pragma warning disable CA1822 // an intent of the service, though it needs no storage
    public void Lock(OperatorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.IsLocked = true;
    }
#pragma warning restore CA1822

    public VendResult<bool> Unlock(OperatorSession session, string password)
    {
        ArgumentNullException.ThrowIfNull(session);
        var check = Login(session.Login, password);
        if (!check.Success)
        {
            return check.Refusal;
        }

        session.IsLocked = false;
        return true;
    }

    public VendResult<OperatorInfo> Add(OperatorSession session, string login, string name, string role, string password) =>
        _context.Write<OperatorInfo>(session, Permission.OperatorManagement, scope =>
        {
            if (string.IsNullOrWhiteSpace(login) || login.Length > 32 || login.Any(char.IsWhiteSpace))
            {
                return Refuse.Invalid("a login is 1 to 32 characters without spaces");
            }

            if (PasswordHasher.Weakness(password) is { } weakness)
            {
                return Refuse.Invalid(weakness);
            }

            if (scope.Scalar<long>("SELECT COUNT(*) FROM roles WHERE name = @role", new { role }) == 0)
            {
                return Refuse.NotFound($"no role '{role}'; the roles are {string.Join(", ", scope.Query<string>("SELECT name FROM roles ORDER BY name"))}");
            }

            if (scope.Scalar<long>("SELECT COUNT(*) FROM operators WHERE login = @login", new { login }) > 0)
            {
                return Refuse.Conflict($"operator '{login}' already exists");
            }

            InsertOperator(scope, login, name ?? login, role, password, _context.Options.PasswordIterations);
            scope.Log("operator add", login, $"name {name}, role {role}");
            return Find(scope, login)!;
        });

    public VendResult<OperatorInfo> Change(OperatorSession session, string login, string? name, string? role) =>
        _context.Write<OperatorInfo>(session, Permission.OperatorManagement, scope =>
        {
            if (Find(scope, login) is not { } current)
            {
                return Refuse.NotFound($"no operator '{login}'");
            }

            if (role is not null && scope.Scalar<long>("SELECT COUNT(*) FROM roles WHERE name = @role", new { role }) == 0)
            {
                return Refuse.NotFound($"no role '{role}'");
            }

            if (role is not null && role != SeedRoles.Administrator && current.Role == SeedRoles.Administrator && ActiveAdministrators(scope) <= 1 && !current.Disabled)
            {
                return Refuse.Conflict($"'{login}' is the last active administrator");
            }

            scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET name = @name, role = @role WHERE login = @login", new { login, name = name ?? current.Name, role = role ?? current.Role });
            scope.Log("operator change", login, $"name {name ?? current.Name}, role {role ?? current.Role}");
            return Find(scope, login)!;
        });

    public VendResult<OperatorInfo> SetDisabled(OperatorSession session, string login, bool disabled) =>
        _context.Write<OperatorInfo>(session, Permission.OperatorManagement, scope =>
        {
            if (Find(scope, login) is not { } current)
            {
                return Refuse.NotFound($"no operator '{login}'");
            }

            if (disabled && current.Role == SeedRoles.Administrator && !current.Disabled && ActiveAdministrators(scope) <= 1)
            {
                return Refuse.Conflict($"'{login}' is the last active administrator");
            }

            scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET disabled = @disabled WHERE login = @login", new { login, disabled = disabled ? 1 : 0 });
            scope.Log(disabled ? "operator disable" : "operator enable", login, "");
            return Find(scope, login)!;
        });

    /// <summary>Sets a new password and clears a lock-out.</summary>
    public VendResult<OperatorInfo> ResetPassword(OperatorSession session, string login, string password) =>
        _context.Write<OperatorInfo>(session, Permission.OperatorManagement, scope =>
        {
            if (Find(scope, login) is null)
            {
                return Refuse.NotFound($"no operator '{login}'");
            }

            if (PasswordHasher.Weakness(password) is { } weakness)
            {
                return Refuse.Invalid(weakness);
            }

            var (hash, salt) = PasswordHasher.Hash(password, _context.Options.PasswordIterations);
            scope.ExecuteCovered(AuditedTable.Operators,
                "UPDATE operators SET password_hash = @hash, password_salt = @salt, password_iterations = @iterations, failed_logins = 0, locked = 0 WHERE login = @login",
                new { login, hash, salt, iterations = _context.Options.PasswordIterations });
            scope.Log("operator reset password", login, "lock-out cleared");
            return Find(scope, login)!;
        });

    /// <summary>Clears an operator's lock-out, keeping the password (an administrator's unlock).</summary>
    public VendResult<OperatorInfo> ClearLockOut(OperatorSession session, string login) =>
        _context.Write<OperatorInfo>(session, Permission.OperatorManagement, scope =>
        {
            if (Find(scope, login) is not { } current)
            {
                return Refuse.NotFound($"no operator '{login}'");
            }

            scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET failed_logins = 0, locked = 0 WHERE login = @login", new { login });
            scope.Log("operator unlock", login, $"lock-out cleared after {current.FailedLogins} failed logins");
            return Find(scope, login)!;
        });

    /// <summary>
    /// The way back in when no administrator can log in: the site's recovery code (printed once by <c>vend init</c>)
    /// unlocks <paramref name="login"/> and enables it, with <paramref name="newPassword"/> when given. The code is
    /// used up: a new one is returned, to be kept as the first was. A wrong code is logged and changes nothing else.
    /// </summary>
    public VendResult<Recovered> RecoverWithCode(string login, string code, string? newPassword)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (newPassword is not null && PasswordHasher.Weakness(newPassword) is { } weakness)
        {
            return Refuse.Invalid(weakness);
        }

        var next = RecoveryCode.New();
        var result = _context.Write<Recovered>(null, null, scope =>
        {
            var stored = scope.Scalar<string?>("SELECT recovery_code FROM site WHERE id = 1");
            if (!RecoveryCode.Matches(code, stored))
            {
                return new Refusal(RefusalReason.LoginFailed, "wrong recovery code");
            }

            if (Find(scope, login) is not { } current)
            {
                return Refuse.NotFound($"no operator '{login}'");
            }

            scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET failed_logins = 0, locked = 0, disabled = 0 WHERE login = @login", new { login });
            if (newPassword is not null)
            {
                var (hash, salt) = PasswordHasher.Hash(newPassword, _context.Options.PasswordIterations);
                scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET password_hash = @hash, password_salt = @salt, password_iterations = @iterations WHERE login = @login",
                    new { login, hash, salt, iterations = _context.Options.PasswordIterations });
            }

            scope.ExecuteCovered(AuditedTable.Site, "UPDATE site SET recovery_code = @next WHERE id = 1", new { next = RecoveryCode.Hash(next, _context.Options.PasswordIterations) });
            scope.LogAs("recovery", "operator recover", login,
                $"recovery code used: lock-out cleared{(current.Disabled ? ", enabled" : "")}{(newPassword is null ? "" : ", password replaced")}; a new recovery code was issued");
            return new Recovered(Find(scope, login)!, next);
        });
        if (!result.Success && result.Refusal.Reason == RefusalReason.LoginFailed)
        {
            _context.Write<bool>(null, null, scope =>
            {
                scope.LogAs("recovery", "operator recover refused", login, "wrong recovery code");
                return true;
            });
        }

        return result;
    }

    public VendResult<RoleInfo> SetRole(OperatorSession session, string name, IReadOnlySet<Permission> permissions) =>
        _context.Write<RoleInfo>(session, Permission.OperatorManagement, scope =>
        {
            ArgumentNullException.ThrowIfNull(permissions);
            if (string.IsNullOrWhiteSpace(name))
            {
                return Refuse.Invalid("a role needs a name");
            }

            if (name == SeedRoles.Administrator)
            {
                return Refuse.Conflict("the administrator role always holds every function");
            }

            var reserved = permissions.Where(SeedRoles.IsAdministrative).Select(SeedRoles.Name).ToList();
            if (reserved.Count > 0)
            {
                return Refuse.Invalid($"{string.Join(", ", reserved)} reserved for the administrator role");
            }

            var text = SeedRoles.Format(permissions);
            if (scope.ExecuteCovered(AuditedTable.Roles, "UPDATE roles SET permissions = @text WHERE name = @name", new { name, text }) == 0)
            {
                scope.ExecuteCovered(AuditedTable.Roles, "INSERT INTO roles (name, permissions) VALUES (@name, @text)", new { name, text });
            }

            scope.Log("role set", name, text);
            return new RoleInfo(name, permissions);
        });

    public VendResult<IReadOnlyList<OperatorInfo>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<OperatorInfo>>(session, Permission.OperatorManagement, connection =>
            connection.Query<OperatorRow>("SELECT * FROM operators ORDER BY login").Select(r => r.ToModel()).ToList());

    public VendResult<IReadOnlyList<RoleInfo>> Roles(OperatorSession session) =>
        _context.Read<IReadOnlyList<RoleInfo>>(session, Permission.OperatorManagement, connection =>
            connection.Query<(string Name, string Permissions)>("SELECT name, permissions FROM roles ORDER BY name")
                .Select(r => new RoleInfo(r.Name, SeedRoles.Parse(r.Permissions).Permissions)).ToList());

    internal static void InsertOperator(WriteScope scope, string login, string name, string role, string password, int iterations)
    {
        var (hash, salt) = PasswordHasher.Hash(password, iterations);
        scope.ExecuteCovered(AuditedTable.Operators,
            """
            INSERT INTO operators (login, name, role, password_hash, password_salt, password_iterations, failed_logins, locked, disabled, created_at)
            VALUES (@login, @name, @role, @hash, @salt, @iterations, 0, 0, 0, @at)
            """,
            new { login, name, role, hash, salt, iterations, at = scope.Stamp });
    }

    private void RecordFailure(long id, string login, long count, bool locked) =>
        _context.Write<bool>(null, null, scope =>
        {
            scope.ExecuteCovered(AuditedTable.Operators, "UPDATE operators SET failed_logins = @count, locked = @locked WHERE id = @id", new { id, count, locked = locked ? 1 : 0 });
            scope.LogAs(login, locked ? "login locked out" : "login failed", login, $"{count} failed in a row");
            return true;
        });

    private void Record(string login, string action, string detail) =>
        _context.Write<bool>(null, null, scope =>
        {
            scope.LogAs(login, action, login, detail);
            return true;
        });

    /// <summary>The administrator role holds every function, whatever its stored list says (functions added by later versions included).</summary>
    private static IReadOnlySet<Permission> Permissions(WriteScope scope, string role) => Permissions(role, scope.Scalar<string>("SELECT permissions FROM roles WHERE name = @role", new { role }));

    private static IReadOnlySet<Permission> Permissions(VendingContext context, string role)
    {
        using var connection = context.Database.Open();
        return Permissions(role, connection.ExecuteScalar<string>("SELECT permissions FROM roles WHERE name = @role", new { role }));
    }

    private static IReadOnlySet<Permission> Permissions(string role, string? stored) =>
        role == SeedRoles.Administrator ? Enum.GetValues<Permission>().ToHashSet() : SeedRoles.Parse(stored ?? "").Permissions;

    private static long ActiveAdministrators(WriteScope scope) =>
        scope.Scalar<long>("SELECT COUNT(*) FROM operators WHERE role = @role AND disabled = 0", new { role = SeedRoles.Administrator });

    private static OperatorInfo? Find(WriteScope scope, string login) =>
        scope.First<OperatorRow>("SELECT * FROM operators WHERE login = @login", new { login })?.ToModel();

    private sealed class OperatorRow
    {
        public long Id { get; init; }
        public string Login { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string PasswordSalt { get; init; } = "";
        public long PasswordIterations { get; init; }
        public int FailedLogins { get; init; }
        public int Locked { get; init; }
        public int Disabled { get; init; }

        public OperatorInfo ToModel() => new(Id, Login, Name, Role, Locked != 0, Disabled != 0, FailedLogins);
    }
}

/// <summary>An operator let back in by the recovery code, and the new code that replaces the one used.</summary>
public sealed record Recovered(OperatorInfo Operator, string NextRecoveryCode);
