using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Vending.Tests.Setup;

public sealed class InvoiceServiceTests
{
    private const string Taxed = """
        title: Tax invoice
        paper: a4
        header: {{site.name}}
        field: Receipt | {{receipt.number}}
        field: Customer | {{customer.name}}
        totals
        tax: VAT | 1300
        tax: Fund | 100
        """;

    [Theory, BothStores]
    public void Print_NoTemplateSet_UsesTheShippedOneAndNamesIt(Store store)
    {
        using var counter = new Counter(store);
        var receipt = counter.OpenAccount(Counter.Kwh(50)).Receipt;

        var printed = counter.Office.Invoices.Print(counter.Admin, receipt.ReceiptNumber!.Value, InvoiceKind.Receipt).Value;

        printed.TemplateVersion.ShouldBe(0);
        printed.TemplateLabel.ShouldBe("receipt v0 (shipped)");
        printed.Html.ShouldContain("<meta name=\"prepaid-template\" content=\"receipt v0 (shipped)\">");
        printed.Html.ShouldContain("<p class=\"template\">template receipt v0 (shipped)</p>");
        printed.Html.ShouldContain("<tr><td>Customer</td><td class=\"v\">1 Li Wei</td></tr>");
        printed.Html.ShouldContain("<tr><td>Credit</td><td class=\"v\">50.00 kWh</td></tr>");
        printed.Html.ShouldContain("<tr class=\"total\"><td>Total paid</td><td class=\"v\">25.00</td></tr>");
        printed.Html.ShouldContain("width: 72mm");
        counter.Office.Invoices.Print(counter.Admin, receipt.ReceiptNumber.Value, InvoiceKind.Invoice).Value.Html.ShouldContain("size: A4");
    }

    [Theory, BothStores]
    public void Set_NewVersionEachTime_PrintUsesTheLatestOrTheOneAsked_AndTheSameTextAgainChangesNothing(Store store)
    {
        using var counter = new Counter(store);
        var receipt = counter.OpenAccount(Counter.Kwh(50)).Receipt.ReceiptNumber!.Value;

        counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Invoice, Taxed).Value.Version.ShouldBe(1);
        counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Invoice, Taxed + "\nfooter: v2").Value.Version.ShouldBe(2);
        counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Invoice, Taxed + "\nfooter: v2").Value.Version.ShouldBe(2);

        counter.Office.Invoices.Print(counter.Admin, receipt, InvoiceKind.Invoice).Value.TemplateLabel.ShouldBe("invoice v2");
        counter.Office.Invoices.Print(counter.Admin, receipt, InvoiceKind.Invoice, version: 1).Value.Html.ShouldNotContain("v2</p>");
        counter.Office.Invoices.Print(counter.Admin, receipt, InvoiceKind.Receipt).Value.TemplateLabel.ShouldBe("receipt v0 (shipped)");
        counter.Office.Invoices.Print(counter.Admin, receipt, InvoiceKind.Invoice, version: 3).Refusal!.Message.ShouldBe("no invoice template version 3");
        counter.Office.Invoices.List(counter.Admin).Value.Select(t => (t.Label, t.Taxes, t.InUse)).ShouldBe(
        [
            ("receipt v0 (shipped)", "none", true), ("invoice v0 (shipped)", "none", false), ("invoice v1", "VAT 13%, Fund 1%", false), ("invoice v2", "VAT 13%, Fund 1%", true),
        ]);
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.Count(e => e.Action == "invoice template").ShouldBe(2);
    }

    [Theory, BothStores]
    public async Task Print_TaxesIncluded_SplitOutOfTheEnergyNotTheArrears(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(counter.Reader.Card!);
        var account = counter.Office.Accounts.List(counter.Admin).Value.Single().Id;
        counter.Office.Accounts.ChargeArrears(counter.Admin, account, Money.FromUnits(2m), "meter fee").Success.ShouldBeTrue();
        var sale = (await counter.Sell(Counter.Kwh(22.6m))).Value; // 11.30 for the energy, 2.00 of arrears
        counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Invoice, Taxed).Success.ShouldBeTrue();

        var printed = counter.Office.Invoices.Print(counter.Admin, sale.ReceiptNumber!.Value, InvoiceKind.Invoice).Value;

        // 11.30 / 1.14 = 9.912… → 9.91 net, tax 1.39 shared 13 : 1 → ⌊1.2907⌋ = 1.29 and ⌊0.0993⌋ = 0.09, the hundredth left to the larger remainder (the fund's).
        printed.Taxes.Gross.ShouldBe(Money.FromUnits(11.30m));
        printed.Taxes.Net.ShouldBe(Money.FromUnits(9.91m));
        printed.Taxes.Taxes.Select(t => t.Amount).ShouldBe([Money.FromUnits(1.29m), Money.FromUnits(0.10m)]);
        printed.Html.ShouldContain("<tr><td>VAT 13%</td><td class=\"v\">1.29</td></tr>");
        printed.Html.ShouldContain("<tr><td>Arrears collected</td><td class=\"v\">2.00</td></tr>");
        printed.Html.ShouldContain("<tr class=\"total\"><td>Total paid</td><td class=\"v\">13.30</td></tr>");
    }

    [Theory, BothStores]
    public void Print_EveryValueAndEveryTemplateText_IsHtmlEscaped(Store store)
    {
        using var counter = new Counter(store);
        var customer = counter.Office.Customers.Change(counter.Admin, counter.Customer,
            new CustomerDetails("<script>alert(1)</script> & \"Co\"", "", "", "North", "L1", "T1", "residential")).Value;
        var receipt = counter.OpenAccount(Counter.Kwh(5)).Receipt.ReceiptNumber!.Value;
        counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Receipt, "text: <b>{{customer.name}}</b> <style>\nfield: <i> | {{customer.name}}").Success.ShouldBeTrue();

        var html = counter.Office.Invoices.Print(counter.Admin, receipt, InvoiceKind.Receipt).Value.Html;

        customer.Details.Name.ShouldStartWith("<script>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<b>");
        html.ShouldContain("<p>&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;&lt;/b&gt; &lt;style&gt;</p>");
        html.ShouldContain("<tr><td>&lt;i&gt;</td>");
    }

    [Theory, BothStores]
    public void Set_UnknownPlaceholderOrDirectiveOrBadTax_IsRefusedNamingItAndNothingIsStored(Store store)
    {
        using var counter = new Counter(store);

        string Refused(string body) => counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Receipt, body).Refusal!.Message;

        Refused("field: Name | {{customer.nmae}}").ShouldStartWith("receipt template: line 1: unknown placeholder '{{customer.nmae}}'; the placeholders are site.name, ");
        Refused("title: x\nfield: Name | {{customer.name}").ShouldBe("receipt template: line 2: '{{' without '}}' in '{{customer.name}'");
        Refused("# comment\n\nbarcode: 123").ShouldStartWith("receipt template: line 3: unknown directive 'barcode'");
        Refused("totals\ntax: VAT | 10001").ShouldStartWith("receipt template: line 2: a tax line is 'tax: NAME | BASIS_POINTS'");
        Refused("totals\ntax: VAT | 13%").ShouldStartWith("receipt template: line 2: a tax line is");
        Refused("totals\ntax: A | 6000\ntax: B | 4001").ShouldBe("receipt template: the tax lines' rates add up to more than 10000 basis points (100%)");
        Refused("tax: VAT | 1300").ShouldBe("receipt template: tax lines print in the totals: add a 'totals' line");
        Refused("title: a\ntitle: b").ShouldBe("receipt template: line 2: 'title' may appear once");
        Refused("paper: letter").ShouldBe("receipt template: line 1: paper is 80mm or a4, not 'letter'");
        Refused("").ShouldBe("receipt template: a template is 1 to 16000 characters");

        counter.Office.Invoices.Get(counter.Admin, InvoiceKind.Receipt).Value.Version.ShouldBe(0);
        counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Receipt, "totals\ntax: A | 6000\ntax: B | 4000").Value.Version.ShouldBe(1);
    }

    [Theory, BothStores]
    public void Set_AsACashier_IsRefused_ButPrintingIsAQuery(Store store)
    {
        using var counter = new Counter(store);
        var receipt = counter.OpenAccount(Counter.Kwh(5)).Receipt.ReceiptNumber!.Value;
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        counter.Office.Invoices.Set(cashier, InvoiceKind.Receipt, Taxed).Refusal!.Message.ShouldBe("operator 'wang' (role cashier) may not use 'invoice-format'");

        counter.Office.Invoices.Print(cashier, receipt, InvoiceKind.Receipt).Success.ShouldBeTrue();
        counter.Office.Invoices.Print(cashier, receipt + 1, InvoiceKind.Receipt).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        SeedRoles.IsAdministrative(Permission.InvoiceFormat).ShouldBeTrue();
    }
}
