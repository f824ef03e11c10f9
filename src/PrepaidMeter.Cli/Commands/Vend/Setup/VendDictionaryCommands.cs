using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Cli.Commands.Vend.Setup;

/// <summary>`prepaid vend dictionary add|rename|retire|list`: the site's lists (系统字典) customers are filed under.</summary>
internal static class VendDictionaryCommands
{
    private const string Lists = "region, line, area or category";

    public static Command Dictionary()
    {
        Option<string> List(bool required) => new("--list") { Description = $"The list: {Lists}", Required = required };

        var addList = List(required: true);
        var addName = new Argument<string>("NAME") { Description = "The entry's name, as customers are filed under it" };
        var add = new Command("add", "Add an entry to a list (a retired entry of that name comes back)") { addList, addName };
        add.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithList(call, parse.GetValue(addList), list =>
            call.Print(call.Office.Dictionary.Add(call.Session, list, parse.GetValue(addName)!))))));

        var renameList = List(required: true);
        var oldName = new Argument<string>("OLD") { Description = "The entry's name now" };
        var newName = new Argument<string>("NEW") { Description = "Its new name" };
        var rename = new Command("rename", "Rename an entry; the customers filed under it (and a line's or area's summary meters) are rewritten to the new name")
        {
            renameList, oldName, newName,
        };
        rename.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithList(call, parse.GetValue(renameList), list =>
            call.Print(call.Office.Dictionary.Rename(call.Session, list, parse.GetValue(oldName)!, parse.GetValue(newName)!))))));

        var retireList = List(required: true);
        var retireName = new Argument<string>("NAME") { Description = "The entry to retire" };
        var retire = new Command("retire", "Retire an entry: customers filed under it keep it; no one is newly filed under it") { retireList, retireName };
        retire.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithList(call, parse.GetValue(retireList), list =>
            call.Print(call.Office.Dictionary.Retire(call.Session, list, parse.GetValue(retireName)!))))));

        var listList = List(required: false);
        var list = new Command("list", "The entries of one list, or of every list") { listList };
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(parse.GetValue(listList) is null
            ? call.Print(call.Office.Dictionary.List(call.Session))
            : WithList(call, parse.GetValue(listList), l => call.Print(call.Office.Dictionary.List(call.Session, l))))));

        return new Command("dictionary", "The site's lists (系统字典): regions, lines, transformer areas and categories customers are filed under")
        {
            add, rename, retire, list,
        };
    }

    private static int WithList(VendCall call, string? text, Func<SiteList, int> body) =>
        SiteLists.Parse(text) is { } list ? body(list) : call.Context.Fail(ExitCodes.Usage, $"--list {text}: must be {Lists}");
}
