using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Accounts;
using PrepaidMeter.Cli.Commands.Vend.Amendments;
using PrepaidMeter.Cli.Commands.Vend.Books;
using PrepaidMeter.Cli.Commands.Vend.Branches;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Commands.Vend.Cards;
using PrepaidMeter.Cli.Commands.Vend.Keypad;
using PrepaidMeter.Cli.Commands.Vend.Payments;
using PrepaidMeter.Cli.Commands.Vend.Readings;
using PrepaidMeter.Cli.Commands.Vend.Sales;
using PrepaidMeter.Cli.Commands.Vend.Setup;
using PrepaidMeter.Cli.Commands.Vend.Splits;
using PrepaidMeter.Cli.Commands.Vend.Tolerance;

namespace PrepaidMeter.Cli.Commands.Vend;

/// <summary>
/// `prepaid vend ...`: the vending back office on a database file. This room only puts the vend tree together, in
/// the order `prepaid vend --help` lists it; each command is parsed in the room of its capability (README.md).
/// </summary>
internal static class VendCommands
{
    public static Command Build() => new("vend", "The vending back office: site, operators, groups, prices, customers, meters, accounts, sales, cards, queries, backup")
    {
        VendCall.Db, VendCall.Reader, VendCall.Card, VendCall.JsonOutput, VendCall.Trace, AuditKeyFiles.Option,
        VendBooksCommands.Init(),
        VendSetupCommands.Site(),
        VendSetupCommands.Operators(),
        VendSetupCommands.Groups(),
        VendSetupCommands.Prices(),
        VendSetupCommands.Customers(),
        VendDictionaryCommands.Dictionary(),
        VendInvoiceCommands.Invoice(),
        VendPortCommands.Ports(),
        VendSetupCommands.Meters(),
        VendBranchCommands.Branches(),
        VendBranchCommands.District(),
        VendAccountCommands.Accounts(),
        VendAmendCommands.Amend(),
        VendCloseCommands.Close(),
        VendSplitCommands.Split(),
        VendSaleCommands.Sell(),
        VendSaleCommands.Correct(),
        VendSaleCommands.Cancel(),
        VendToleranceCommands.Tolerance(),
        VendTokenCommands.Token(),
        VendPaymentCommands.Collect(),
        VendPaymentCommands.Partners(),
        VendPaymentCommands.Payments(),
        VendCardCommands.Cards(),
        VendCardCommands.MeterChange(),
        VendReadingCommands.Reading(),
        VendBooksCommands.Recover(),
        VendBooksCommands.Query(),
        VendAuditCommands.Audit(),
        VendBooksCommands.Backup(),
        VendBooksCommands.Restore(),
    };
}
