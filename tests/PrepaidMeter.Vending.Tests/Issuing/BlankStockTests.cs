using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Issuing;

namespace PrepaidMeter.Vending.Tests.Issuing;

public sealed class BlankStockTests
{
    [Fact]
    public void Make_GroupInTheBooks_NewImageOfItsLayoutBehindItsCardPsc()
    {
        using var counter = new Counter();

        var blank = new BlankStock(counter.Office.Groups).Make(counter.Admin, Counter.Group);

        blank.Value.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
        blank.Value.Psc.ToArray().ShouldBe(counter.Office.Groups.CardPsc(counter.Admin, Counter.Group).Value.ToArray());
        blank.Value.TriesLeft.ShouldBe(CardMedium.Sle4442.MaxTries);
    }

    [Fact]
    public void Make_GroupNotInTheBooks_RefusedNotFound()
    {
        using var counter = new Counter();

        var blank = new BlankStock(counter.Office.Groups).Make(counter.Admin, SupplyGroupCode.From(999999));

        blank.Refusal.ShouldBe(new Refusal(RefusalReason.NotFound, "no supply group 999999"));
    }

    [Fact]
    public void Make_CashierWithoutToolCards_RefusedNoPermission()
    {
        using var counter = new Counter();
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        var blank = new BlankStock(counter.Office.Groups).Make(cashier, Counter.Group);

        blank.Refusal.ShouldNotBeNull().Reason.ShouldBe(RefusalReason.NoPermission);
    }

    [Fact]
    public void WriteToFolder_NoCardThere_WritesABlankTheFolderReaderTakes()
    {
        using var counter = new Counter();
        var folder = Directory.CreateTempSubdirectory("blank-stock-");
        try
        {
            var written = new BlankStock(counter.Office.Groups).WriteToFolder(counter.Admin, Counter.Group, folder.FullName, "stock-1");

            written.Value.ShouldBe(Path.Combine(folder.FullName, "stock-1.hex"));
            FolderCardReader.TryLoad(written.Value, out var card).ShouldBeNull();
            card!.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteToFolder_CardFileThere_RefusedAndTheCardKept()
    {
        using var counter = new Counter();
        var folder = Directory.CreateTempSubdirectory("blank-stock-");
        try
        {
            var path = Path.Combine(folder.FullName, "card.hex");
            File.WriteAllText(path, "a card");

            var written = new BlankStock(counter.Office.Groups).WriteToFolder(counter.Admin, Counter.Group, folder.FullName, "card.hex");

            written.Refusal.ShouldBe(new Refusal(RefusalReason.Conflict, $"'{path}' exists; a blank is never written over a card"));
            File.ReadAllText(path).ShouldBe("a card");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
