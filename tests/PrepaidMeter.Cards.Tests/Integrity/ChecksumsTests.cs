using System.Text;
using PrepaidMeter.Cards.Integrity;

namespace PrepaidMeter.Cards.Tests.Integrity;

public sealed class ChecksumsTests
{
    private static readonly byte[] CheckInput = Encoding.ASCII.GetBytes("123456789");

    /// <summary>The published check values of each algorithm over "123456789".</summary>
    [Theory]
    [InlineData(ChecksumAlgorithm.Sum8, 0xDDu)]
    [InlineData(ChecksumAlgorithm.Xor8, 0x31u)]
    [InlineData(ChecksumAlgorithm.Crc16Modbus, 0x4B37u)]
    [InlineData(ChecksumAlgorithm.Crc16CcittFalse, 0x29B1u)]
    [InlineData(ChecksumAlgorithm.Crc32, 0xCBF43926u)]
    public void Compute_MatchesThePublishedCheckValue(ChecksumAlgorithm algorithm, uint expected)
    {
        PlainChecksums.Compute(algorithm, CheckInput).ShouldBe(expected);
        FastChecksums.Compute(algorithm, CheckInput).ShouldBe(expected);
        Checksums.Compute(algorithm, CheckInput).ShouldBe(expected);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Sum8)]
    [InlineData(ChecksumAlgorithm.Crc16Modbus)]
    [InlineData(ChecksumAlgorithm.Crc32)]
    public void Update_OverSplitRanges_EqualsOneRange(ChecksumAlgorithm algorithm)
    {
        var state = Checksums.Update(algorithm, Checksums.Initial(algorithm), CheckInput.AsSpan(0, 4));
        state = Checksums.Update(algorithm, state, CheckInput.AsSpan(4));
        Checksums.Finish(algorithm, state).ShouldBe(Checksums.Compute(algorithm, CheckInput));
    }
}
