using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Cli.Commands.Vend.Setup;

/// <summary>
/// `prepaid vend invoice template set|show|list` — the site's receipt and invoice templates (发票格式) — and
/// `prepaid vend invoice print`, which prints a receipt with one as HTML to a file (or stdout with `--out -`).
/// </summary>
internal static class VendInvoiceCommands
{
    public static Command Invoice()
    {
        Option<string> Kind(string what) => new("--kind") { Description = $"receipt (the 80 mm slip, the default) or invoice (A4){what}", DefaultValueFactory = _ => "receipt" };
        Option<int?> Version() => new("--version") { Description = "A template version (0: the shipped one); default: the one in use" };

        var setKind = Kind("");
        var setFile = new Argument<string>("FILE") { Description = "The template, UTF-8 text (docs/vending.md, \"Invoice format\")" };
        var set = new Command("set", "Check a template and make it the kind's next version (the one printing from now on)") { setKind, setFile };
        set.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithKind(call, parse.GetValue(setKind), kind =>
        {
            var path = parse.GetValue(setFile)!;
            var body = PathIo.Reading(path, () => File.ReadAllText(path));
            return call.Print(call.Office.Invoices.Set(call.Session, kind, body), v => new { Kind = v.Kind.Name(), v.Version, v.Label, v.At, v.By });
        }))));

        var showKind = Kind("");
        var showVersion = Version();
        var show = new Command("show", "Print a template's text (with --json: its version, who set it and when)") { showKind, showVersion };
        show.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithKind(call, parse.GetValue(showKind), kind =>
        {
            var template = call.Office.Invoices.Get(call.Session, kind, parse.GetValue(showVersion));
            if (template.Refused || call.AsJson)
            {
                return call.Print(template, v => new { Kind = v.Kind.Name(), v.Version, v.Label, v.At, v.By, v.Body });
            }

            call.Output.WriteLine($"# {template.Value.Label}");
            call.Output.WriteLine(template.Value.Body.TrimEnd('\n'));
            return ExitCodes.Success;
        }))));

        var list = new Command("list", "Every template version of both kinds, and which is in use");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Invoices.List(call.Session)))));

        var receipt = new Option<long>("--receipt") { Description = "The receipt number", Required = true };
        var printKind = Kind("");
        var printVersion = Version();
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write, replaced if there (- for stdout)", Required = true };
        var print = new Command("print", "Print a receipt as a receipt or an invoice, HTML with print CSS, naming the template version") { receipt, printKind, printVersion, output };
        print.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithKind(call, parse.GetValue(printKind), kind =>
        {
            // A folder, or a folder that is not there, is said before the books are read: trying to write it fails and writes nothing.
            var path = parse.GetValue(output)!;
            if (path != "-" && (Directory.Exists(path) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)))))
            {
                PathIo.Writing(path, () => File.WriteAllText(path, ""));
            }

            var printed = call.Office.Invoices.Print(call.Session, parse.GetValue(receipt), kind, parse.GetValue(printVersion));
            if (printed.Refused)
            {
                return call.Fail(printed.Refusal);
            }

            if (path == "-")
            {
                call.Output.Write(printed.Value.Html);
                return ExitCodes.Success;
            }

            PathIo.Writing(path, () => File.WriteAllText(path, printed.Value.Html));
            var shown = new
            {
                printed.Value.ReceiptNumber, Kind = kind.Name(), Template = printed.Value.TemplateLabel, File = Path.GetFullPath(path),
                Paid = printed.Value.Taxes.Gross, printed.Value.Taxes.Net, Taxes = printed.Value.Taxes.Taxes.Select(t => new { t.Name, Rate = TaxLines.Percent(t.BasisPoints), t.Amount }),
            };
            VendOutput.Print(call.Output, shown, call.AsJson);
            return ExitCodes.Success;
        }))));

        return new Command("invoice", "The invoice format (发票格式): receipt and invoice templates, and receipts printed with them")
        {
            new Command("template", "The site's receipt and invoice templates, versioned") { set, show, list },
            print,
        };
    }

    private static int WithKind(VendCall call, string? text, Func<InvoiceKind, int> body) =>
        InvoiceKinds.Parse(text) is { } kind ? body(kind) : call.Context.Fail(ExitCodes.Usage, $"--kind {text}: must be receipt or invoice");
}
