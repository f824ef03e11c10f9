using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Setup;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>Customers (用户档案): register, change, search. Text is stored verbatim, always as parameters.</summary>
public sealed class CustomerService
{
    private const int MaxText = 200;
    private readonly VendingContext _context;

    internal CustomerService(VendingContext context) => _context = context;

    /// <summary>Registers a customer under the next free number (or <paramref name="number"/>, when given).</summary>
    public VendResult<Customer> Register(OperatorSession session, CustomerDetails details, CustomerNumber? number = null) =>
        _context.Write<Customer>(session, Permission.Customers, scope => Insert(scope, details, number));

    /// <summary>Registers a customer inside an operation's own transaction (an account transfer to a new customer).</summary>
    internal static VendResult<Customer> Insert(WriteScope scope, CustomerDetails details, CustomerNumber? number = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Problem(details) is { } problem)
        {
            return Refuse.Invalid(problem);
        }

        if (DictionaryService.Check(scope, details, before: null) is { } unlisted)
        {
            return Refuse.Invalid(unlisted);
        }

        long value;
        if (number is { } given)
        {
            value = checked((long)given.Value);
            if (scope.Scalar<long>("SELECT COUNT(*) FROM customers WHERE number = @value", new { value }) > 0)
            {
                return Refuse.Conflict($"customer number {given} is taken");
            }
        }
        else
        {
            // Skip numbers given by hand, so the automatic ones never collide.
            value = scope.Scalar<long>("SELECT next_customer FROM site WHERE id = 1");
            while (scope.Scalar<long>("SELECT COUNT(*) FROM customers WHERE number = @value", new { value }) > 0)
            {
                value++;
            }

            scope.ExecuteCovered(AuditedTable.Site, "UPDATE site SET next_customer = @next WHERE id = 1", new { next = value + 1 });
        }

        var id = scope.InsertCovered(AuditedTable.Customers,
            """
            INSERT INTO customers (number, name, contact, address, region, line, transformer_area, category, created_at)
            VALUES (@value, @Name, @Contact, @Address, @Region, @Line, @TransformerArea, @Category, @at)
            """,
            new { value, details.Name, details.Contact, details.Address, details.Region, details.Line, details.TransformerArea, details.Category, at = scope.Stamp });
        var customer = new Customer(id, CustomerNumber.From(checked((ulong)value)), details);
        scope.Log("customer register", customer.Number.ToString(), Describe(details));
        return customer;
    }

    public VendResult<Customer> Change(OperatorSession session, CustomerNumber number, CustomerDetails details) =>
        _context.Write<Customer>(session, Permission.Customers, scope =>
        {
            ArgumentNullException.ThrowIfNull(details);
            if (Problem(details) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            var value = checked((long)number.Value);
            if (scope.First<CustomerRow>("SELECT * FROM customers WHERE number = @value", new { value }) is not { } old)
            {
                return Refuse.NotFound($"no customer {number}");
            }

            if (DictionaryService.Check(scope, details, old.ToModel().Details) is { } unlisted)
            {
                return Refuse.Invalid(unlisted);
            }

            scope.ExecuteCovered(AuditedTable.Customers,
                """
                UPDATE customers SET name = @Name, contact = @Contact, address = @Address, region = @Region, line = @Line,
                    transformer_area = @TransformerArea, category = @Category WHERE number = @value
                """,
                new { value, details.Name, details.Contact, details.Address, details.Region, details.Line, details.TransformerArea, details.Category });
            scope.Log("customer change", number.ToString(), $"{Describe(old.ToModel().Details)} -> {Describe(details)}");
            return new Customer(old.Id, number, details);
        });

    public VendResult<Customer> Get(OperatorSession session, CustomerNumber number) =>
        _context.Read<Customer>(session, Permission.Queries, connection =>
            connection.QueryFirstOrDefault<CustomerRow>("SELECT * FROM customers WHERE number = @value", new { value = checked((long)number.Value) }) is { } row
                ? row.ToModel()
                : Refuse.NotFound($"no customer {number}"));

    /// <summary>Customers whose number, name, address or contact contains <paramref name="text"/> (case-insensitive), at most 200.</summary>
    public VendResult<IReadOnlyList<Customer>> Search(OperatorSession session, string text) =>
        _context.Read<IReadOnlyList<Customer>>(session, Permission.Queries, connection =>
        {
            var pattern = Rows.Holding(text ?? "");
            return connection.Query<CustomerRow>(
                """
                SELECT * FROM customers
                WHERE UPPER(name) LIKE @pattern ESCAPE '\' OR UPPER(address) LIKE @pattern ESCAPE '\' OR UPPER(contact) LIKE @pattern ESCAPE '\'
                   OR CAST(number AS TEXT) LIKE @pattern ESCAPE '\'
                ORDER BY number LIMIT 200
                """,
                new { pattern }).Select(r => r.ToModel()).ToList();
        });

    private static string? Problem(CustomerDetails d)
    {
        if (string.IsNullOrWhiteSpace(d.Name))
        {
            return "a customer needs a name";
        }

        string[] fields = [d.Name, d.Contact, d.Address, d.Region, d.Line, d.TransformerArea, d.Category];
        if (fields.Any(f => f is null))
        {
            return "every customer field must be given (empty is allowed)";
        }

        return fields.Any(f => f.Length > MaxText || f.Any(char.IsControl))
            ? $"customer fields are at most {MaxText} characters, without control characters"
            : null;
    }

    private static string Describe(CustomerDetails d) =>
        $"'{d.Name}', '{d.Contact}', '{d.Address}', region '{d.Region}', line '{d.Line}', area '{d.TransformerArea}', category '{d.Category}'";
}
