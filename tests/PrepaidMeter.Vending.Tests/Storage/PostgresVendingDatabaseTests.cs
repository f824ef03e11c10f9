using Dapper;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Storage;

public sealed class PostgresVendingDatabaseTests
{
    [Fact]
    public void Migrate_OnAServer_AppliesEveryStepWithIdentityKeys()
    {
        using var store = new TestDatabase(Store.Postgres);
        store.Database.Migrate();

        store.Database.SchemaVersion().ShouldBe(Migrations.Steps[^1].Version);
        using var connection = store.Database.Open();
        connection.ExecuteScalar<string>("SELECT version()")!.ShouldStartWith("PostgreSQL");
        connection.ExecuteScalar<string>("SELECT is_identity FROM information_schema.columns WHERE table_name = 'sales' AND column_name = 'id'").ShouldBe("YES");
        connection.ExecuteScalar<string>("SHOW lc_collate").ShouldBe("C", "reports sort text by code point on both providers");
    }

    [Theory]
    [InlineData("postgres://clerk:s3cr%40t@db.example:6543/books", "db.example", 6543, "books", "clerk", "s3cr@t")]
    [InlineData("postgresql://clerk@localhost/books", "localhost", 5432, "books", "clerk", null)]
    [InlineData("Host=10.0.0.5;Port=5433;Database=books;Username=clerk;Password=pw", "10.0.0.5", 5433, "books", "clerk", "pw")]
    public void Parse_UrlOrConnectionString_NamesTheSameServer(string option, string host, int port, string database, string user, string? password)
    {
        PostgresAddress.Names(option).ShouldBeTrue();
        var parsed = PostgresAddress.Parse(option);

        (parsed.Host, parsed.Port, parsed.Database, parsed.Username, parsed.Password).ShouldBe((host, port, database, user, password));
    }

    [Theory]
    [InlineData("postgres://clerk:pw@db.example:5432/", "names no database")]
    [InlineData("postgres://:5432/books", "not a PostgreSQL address")]
    public void Parse_AddressMissingAPart_RefusedSayingWhat(string option, string problem) =>
        Should.Throw<VendingStorageException>(() => PostgresAddress.Parse(option)).Message.ShouldContain(problem);

    [Theory]
    [InlineData("postgres://clerk:secret@db:5432/books", "postgres://clerk:***@db:5432/books")]
    [InlineData("postgres://clerk:p@ss@word@db:5432/books", "postgres://clerk:***@db:5432/books")]
    [InlineData("postgres://clerk@db:5432/books", "postgres://clerk@db:5432/books")]
    [InlineData("postgres://db:5432/b@oks", "postgres://db:5432/b@oks")]
    public void Redact_Url_HidesThePasswordWhole(string option, string shown) => PostgresAddress.Redact(option).ShouldBe(shown);

    [Fact]
    public void Connect_SqlitePath_IsAFile() => VendingDatabase.Connect("books.db").ShouldBeOfType<SqliteVendingDatabase>();

    [Fact]
    public void Open_NobodyListening_StorageExceptionNamingTheServer()
    {
        var database = new PostgresVendingDatabase("postgres://prepaid:pw@127.0.0.1:1/books");

        Should.Throw<VendingStorageException>(() => database.Open()).Message.ShouldContain("cannot reach the database postgres://prepaid@127.0.0.1:1/books");
    }
}
