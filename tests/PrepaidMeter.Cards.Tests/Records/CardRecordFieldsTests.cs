using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Records;

public sealed class CardRecordFieldsTests
{
    private static readonly string Layout = CardLayouts.ReferenceV1.Id;

    [Fact]
    public void Of_AUserCardWithAReturnWrite_NamesItsFieldsAsTheRecordsJson_NestedOnesWithADot()
    {
        var fields = CardRecordFields.Of(Some.UserCard(Layout, 2, 30m) with { ReturnWrite = Some.ReturnWrite() });

        fields["purchaseCount"].ShouldBe("2");
        fields["purchase"].ShouldBe("30.00");
        fields["returnWrite.loadedCount"].ShouldBe("1");
    }

    [Fact]
    public void Changes_BetweenTwoSales_AreTheFieldsThatDiffer_InNameOrder_AndAFieldOnOneSideIsAbsentOnTheOther()
    {
        var before = CardRecordFields.Of(Some.UserCard(Layout, 2, 30m) with { ReturnWrite = Some.ReturnWrite() });
        var after = CardRecordFields.Of(Some.UserCard(Layout, 3, 40m));

        var changes = CardRecordFields.Changes(before, after);

        changes.Take(2).ShouldBe([new CardFieldChange("purchase", "30.00", "40.00"), new CardFieldChange("purchaseCount", "2", "3")]);
        changes.Skip(2).ShouldAllBe(c => c.Field.StartsWith("returnWrite.", StringComparison.Ordinal) && c.After == CardRecordFields.Absent);
        changes.Count.ShouldBe(2 + before.Keys.Count(k => k.StartsWith("returnWrite.", StringComparison.Ordinal)));
    }
}
