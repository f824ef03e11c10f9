using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Vend.Setup;

/// <summary>
/// The PPMS set-up functions played through `prepaid vend` the way its manual does them, one test each: the system
/// dictionary (系统字典), the invoice format (发票格式) and the port set (端口设置). Their rules are tested in
/// PrepaidMeter.Vending.Tests/Setup.
/// </summary>
public sealed class VendSetUpCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendSetUpCommandsTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Dictionary_SetUpThenFileCustomers_UnlistedRefusedRenameRewritesThem()
    {
        // The manual's order: set up the lists first, then register customers choosing from them.
        var counter = await CounterOnFiles.NewSiteAsync(_folder);
        (await counter.Vend("dictionary", "add", "--list", "region", "Riverside")).Exit.ShouldBe(0);
        (await counter.Vend("dictionary", "add", "--list", "area", "T-07")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Li Wei", "--region", "Riverside", "--area", "T-07")).Exit.ShouldBe(0);

        var refused = await counter.Vend("customer", "add", "--name", "Wang Fang", "--region", "Hillside");
        var renamed = await counter.Vend("--json", "dictionary", "rename", "--list", "region", "Riverside", "River Side");
        var badList = await counter.Vend("dictionary", "list", "--list", "street");

        refused.Exit.ShouldBe(2);
        refused.Err.Trim().ShouldBe("prepaid: region 'Hillside' is not in the site's list (vend dictionary list --list region): Riverside");
        renamed.Exit.ShouldBe(0, renamed.Err);
        renamed.Out.ShouldContain("\"customersRewritten\": 1");
        (await counter.Vend("customer", "show", "1")).Out.ShouldContain("River Side");
        (await counter.Vend("dictionary", "list")).Out.ShouldContain("River Side");
        badList.Exit.ShouldBe(1);
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task Invoice_NewSitePrintsTheShippedReceipt_ThenTheSitesInvoiceWithItsTaxLines()
    {
        // The manual's set-up: a sale's receipt prints before any editing; the site then sets its invoice with its tax.
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount(firstEnergy: "50");
        File.WriteAllText(_folder.File("bad.txt"), "field: Customer | {{customer.nmae}}\n");
        File.WriteAllText(_folder.File("invoice.txt"), "title: VAT invoice\npaper: a4\nfield: Customer | {{customer.name}}\ntotals\ntax: VAT | 1300\n");

        var shipped = await counter.Vend("invoice", "print", "--receipt", "1", "--out", _folder.File("receipt.html"));
        var refused = await counter.Vend("invoice", "template", "set", "--kind", "invoice", _folder.File("bad.txt"));
        var set = await counter.Vend("invoice", "template", "set", "--kind", "invoice", _folder.File("invoice.txt"));
        var invoice = await counter.Vend("--json", "invoice", "print", "--receipt", "1", "--kind", "invoice", "-o", _folder.File("invoice.html"));
        var toStdout = await counter.Vend("invoice", "print", "--receipt", "1", "--kind", "invoice", "-o", "-");

        shipped.Exit.ShouldBe(0, shipped.Err);
        File.ReadAllText(_folder.File("receipt.html")).ShouldContain("template receipt v0 (shipped)");
        refused.Exit.ShouldBe(2);
        refused.Err.ShouldStartWith("prepaid: invoice template: line 1: unknown placeholder '{{customer.nmae}}'");
        set.Exit.ShouldBe(0, set.Err);
        set.Out.ShouldContain("invoice v1");
        invoice.Exit.ShouldBe(0, invoice.Err);
        invoice.Out.ShouldContain("\"template\": \"invoice v1\"");
        invoice.Out.ShouldContain("\"net\": \"22.12\""); // 25.00 / 1.13 = 22.1238…
        File.ReadAllText(_folder.File("invoice.html")).ShouldContain("<tr><td>VAT 13%</td><td class=\"v\">2.88</td></tr>");
        toStdout.Out.ShouldStartWith("<!DOCTYPE html>");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task Ports_NameTheCountersReaderAndABusLine_CheckThemAndSellThroughTheName()
    {
        // The manual's port set: the counter's card reader and a meter bus line, named once; a check opens each.
        var counter = await CounterOnFiles.NewSiteAsync(_folder);
        using var bus = new SocatPair();
        FolderCardReader.Save(_folder.File("cards/blank.hex"), new MemoryCard(new byte[CardMedium.Sle4442.Capacity]));
        (await counter.Vend("port", "set", "counter1", "folder:" + _folder.File("cards"))).Exit.ShouldBe(0);
        (await counter.Vend("port", "set", "bus-line3", "serial:" + bus.MasterEnd, "--baud", "2400", "--frame", "8E1")).Exit.ShouldBe(0);
        (await counter.Vend("port", "set", "bus-gone", "serial:" + _folder.File("no-such-tty"))).Exit.ShouldBe(0);

        var reader = await counter.Vend("port", "check", "counter1");
        var line = await counter.Vend("port", "check", "bus-line3");
        var gone = await counter.Vend("port", "check", "bus-gone");
        var unknown = await counter.Vend("port", "check", "counter9");
        var read = await Prepaid.RunAsync("vend", "--db", counter.Db, "--reader", "port:counter1", "--card", "blank", "card", "read");
        var direct = await Prepaid.RunAsync("vend", "--db", counter.Db, "--reader", "folder:" + _folder.File("cards"), "--card", "blank", "card", "read");
        var notAReader = await Prepaid.RunAsync("vend", "--db", counter.Db, "--reader", "port:bus-line3", "card", "read");

        reader.Exit.ShouldBe(0, reader.Err);
        reader.Out.ShouldContain("with 1 card file(s)");
        line.Exit.ShouldBe(0, line.Err);
        line.Out.ShouldContain($"opened serial port {bus.MasterEnd} at 2400 bit/s, 8E1");
        gone.Exit.ShouldBe(3);
        gone.Err.Trim().ShouldBe($"prepaid: port bus-gone ({_folder.File("no-such-tty")} 2400 8E1): cannot open serial port '{_folder.File("no-such-tty")}': no such port");
        unknown.Exit.ShouldBe(2);
        // Through its name the reader answers as it does given itself.
        (read.Exit, read.Out, read.Err).ShouldBe((direct.Exit, direct.Out, direct.Err));
        read.Err.ShouldNotContain("port");
        notAReader.Exit.ShouldBe(2);
        notAReader.Err.Trim().ShouldBe("prepaid: port bus-line3 is a serial line, not a card reader");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }
}
