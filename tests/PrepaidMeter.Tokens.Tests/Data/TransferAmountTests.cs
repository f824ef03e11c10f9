using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Tokens.Tests.Data;

public sealed class TransferAmountTests
{
    /// <summary>Each exponent's first and last value (IEC 62055-41, 6.3.4's formula) and the largest amount.</summary>
    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0x3FFF, 16_383)]
    [InlineData(0x4000, 16_384)]
    [InlineData(0x7FFF, 180_214)]
    [InlineData(0x8000, 180_224)]
    [InlineData(0xBFFF, 1_818_524)]
    [InlineData(0xC000, 1_818_624)]
    [InlineData(0xFFFF, 18_201_624)]
    public void Units_EdgesOfEachExponent_AreTheFormulasValues(int field, long units)
    {
        TransferAmount.FromField((ushort)field).Units.ShouldBe(units);
    }

    [Theory]
    [InlineData(16_385, 16_394)]
    [InlineData(180_215, 180_224)]
    [InlineData(180_223, 180_224)]
    [InlineData(1_818_525, 1_818_624)]
    [InlineData(18_201_623, 18_201_624)]
    public void RoundedUp_BetweenValues_GoesUpInTheCustomersFavour(long units, long carried)
    {
        TransferAmount.RoundedUp(units)!.Value.Units.ShouldBe(carried);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(18_201_625)]
    public void RoundedUp_OutsideTheRange_IsNull(long units)
    {
        TransferAmount.RoundedUp(units).ShouldBeNull();
    }

    [Fact]
    public void RoundedUp_EveryFieldsOwnValue_GivesThatField()
    {
        // The encoding is one to one: all 65 536 fields, each read back from its own value.
        for (var field = 0; field <= ushort.MaxValue; field++)
        {
            var amount = TransferAmount.FromField((ushort)field);
            TransferAmount.RoundedUp(amount.Units)!.Value.Field.ShouldBe((ushort)field);
        }
    }

    [Property]
    public void RoundedUp_AnyUnits_IsTheLeastValueNotBelowThem(NonNegativeInt seed)
    {
        var units = seed.Get % (TransferAmount.Largest + 1);
        var carried = TransferAmount.RoundedUp(units)!.Value;

        carried.Units.ShouldBeGreaterThanOrEqualTo(units);
        if (carried.Field > 0)
        {
            TransferAmount.FromField((ushort)(carried.Field - 1)).Units.ShouldBeLessThan(units);
        }
    }
}
