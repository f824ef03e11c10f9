using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Setup;

/// <summary>A named port's kind: a card reader (`pcsc:NAME`, `folder:DIR`) or a serial line to meters.</summary>
public enum PortKind
{
    Reader,
    Serial,
}

/// <summary>
/// A reader or serial port the site names (端口设置): `counter1` = `pcsc:Virtual PCD 00 00`, `bus-line3` = `/dev/ttyUSB0` at
/// 2400 bit/s, 8E1. A reader's <see cref="Device"/> is a `--reader` spec; a serial port's is its path, with rate and frame.
/// </summary>
public sealed record NamedPort(string Name, PortKind Kind, string Device, int? Baud = null, string? Frame = null)
{
    /// <summary>"pcsc:Virtual PCD 00 00", "/dev/ttyUSB0 2400 8E1".</summary>
    public string Describe => Kind == PortKind.Reader ? Device : $"{Device} {Baud} {Frame}";
}

/// <summary>The site's named readers and serial ports: set (add or replace), remove, list; the CLI opens them (`vend port check`, `--reader port:NAME`).</summary>
public sealed class PortService
{
    public const int MaxName = 40;

    /// <summary>The rates DL/T 645 and CJ/T 188 meters use.</summary>
    public static readonly IReadOnlyList<int> BaudRates = [1200, 2400, 4800, 9600, 19200];

    /// <summary>The frames a serial line may have: 8 data bits, even, none or odd parity, 1 stop bit.</summary>
    public static readonly IReadOnlyList<string> Frames = ["8E1", "8N1", "8O1"];

    private readonly VendingContext _context;

    internal PortService(VendingContext context) => _context = context;

    /// <summary>Names a port, or renames what a name stands for (the row is replaced, logged with what it was).</summary>
    public VendResult<NamedPort> Set(OperatorSession session, NamedPort port) =>
        _context.Write<NamedPort>(session, Permission.PortSet, scope =>
        {
            ArgumentNullException.ThrowIfNull(port);
            if (Problem(port) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            var row = new { port.Name, kind = Kind(port.Kind), port.Device, port.Baud, port.Frame, at = scope.Stamp, by = scope.Operator };
            var before = scope.First<PortRow>("SELECT name, kind, device, baud, frame FROM ports WHERE name = @Name", row)?.ToModel();
            if (before == port)
            {
                return port;
            }

            if (before is null)
            {
                scope.InsertCovered(AuditedTable.Ports, "INSERT INTO ports (name, kind, device, baud, frame, changed_at, changed_by) VALUES (@Name, @kind, @Device, @Baud, @Frame, @at, @by)", row);
            }
            else
            {
                scope.ExecuteCovered(AuditedTable.Ports, "UPDATE ports SET kind = @kind, device = @Device, baud = @Baud, frame = @Frame, changed_at = @at, changed_by = @by WHERE name = @Name", row);
            }

            scope.Log("port set", port.Name, before is null ? port.Describe : $"{before.Describe} -> {port.Describe}");
            return port;
        });

    public VendResult<NamedPort> Remove(OperatorSession session, string name) =>
        _context.Write<NamedPort>(session, Permission.PortSet, scope =>
        {
            if (scope.First<PortRow>("SELECT name, kind, device, baud, frame FROM ports WHERE name = @name", new { name }) is not { } row)
            {
                return Refuse.NotFound($"no port named '{name}'");
            }

            scope.ExecuteCovered(AuditedTable.Ports, "DELETE FROM ports WHERE name = @name", new { name });
            var port = row.ToModel();
            scope.Log("port remove", name, port.Describe);
            return port;
        });

    public VendResult<IReadOnlyList<NamedPort>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<NamedPort>>(session, Permission.Queries, connection =>
            connection.Query<PortRow>("SELECT name, kind, device, baud, frame FROM ports").Select(r => r.ToModel()).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());

    /// <summary>
    /// The port named <paramref name="name"/>, for a command that opens it: resolving a name needs no function of its
    /// own (the command that uses the reader or line has checked its own), and works on read-only books.
    /// </summary>
    public VendResult<NamedPort> Find(string name) =>
        _context.Read<NamedPort>(null, null, connection =>
            connection.QueryFirstOrDefault<PortRow>("SELECT name, kind, device, baud, frame FROM ports WHERE name = @name", new { name }) is { } row
                ? row.ToModel()
                : Refuse.NotFound($"no port named '{name}' (vend port list)"));

    private static string? Problem(NamedPort port)
    {
        if (port.Name.Length is 0 or > MaxName || !char.IsAsciiLetterLower(port.Name[0]) || !port.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
        {
            return $"a port's name is 1 to {MaxName} characters: lower-case letters, digits, '-', '_' and '.', starting with a letter";
        }

        if (port.Device.Length is 0 or > 500 || port.Device.Any(char.IsControl))
        {
            return "a port's device is 1 to 500 characters, without control characters";
        }

        return port.Kind switch
        {
            PortKind.Reader when port.Baud is not null || port.Frame is not null => "a card reader has no rate or frame",
            PortKind.Reader when !(port.Device.StartsWith("pcsc:", StringComparison.Ordinal) || port.Device.StartsWith("folder:", StringComparison.Ordinal)) || port.Device.EndsWith(':')
                => $"a card reader is pcsc:NAME or folder:DIR, not '{port.Device}'",
            PortKind.Serial when port.Baud is not { } baud || !BaudRates.Contains(baud)
                => $"a serial port's rate is one of {string.Join(", ", BaudRates)} bit/s",
            PortKind.Serial when port.Frame is not { } frame || !Frames.Contains(frame)
                => $"a serial port's frame is one of {string.Join(", ", Frames)}",
            PortKind.Reader or PortKind.Serial => null,
            _ => $"port kind {(int)port.Kind} is neither reader nor serial",
        };
    }

    private static string Kind(PortKind kind) => kind == PortKind.Reader ? "reader" : "serial";

    private sealed record PortRow
    {
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Device { get; init; } = "";
        public long? Baud { get; init; }
        public string? Frame { get; init; }

        public NamedPort ToModel() => new(Name, Kind == "serial" ? PortKind.Serial : PortKind.Reader, Device, Baud is { } b ? checked((int)b) : null, Frame);
    }
}
