using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Tokens.Ciphers;

namespace PrepaidMeter.Tokens.Tests.Ciphers;

public sealed class StandardTransferAlgorithmTests
{
    [Property]
    public void Decrypt_AfterEncrypt_GivesTheBlockBack(ulong key, ulong block)
    {
        var sta = new StandardTransferAlgorithm(key, StaTables.Sample);

        sta.Decrypt(sta.Encrypt(block)).ShouldBe(block);
        sta.Encrypt(sta.Decrypt(block)).ShouldBe(block);
    }

    [Fact]
    public void Encrypt_OneKeyBitApart_GivesAnotherBlock()
    {
        const ulong block = 0x0B19EB230100C207UL;
        var ciphertexts = Enumerable.Range(0, 64)
            .Select(bit => new StandardTransferAlgorithm(0x0ABC12DEF3456789UL ^ (1UL << bit), StaTables.Sample).Encrypt(block))
            .Append(new StandardTransferAlgorithm(0x0ABC12DEF3456789UL, StaTables.Sample).Encrypt(block));

        ciphertexts.Distinct().Count().ShouldBe(65);
    }

    [Fact]
    public void Encrypt_NotTheIdentityNorASubstitutionAlone()
    {
        var sta = new StandardTransferAlgorithm(0x0ABC12DEF3456789UL, StaTables.Sample);
        sta.Encrypt(0).ShouldNotBe(0UL);
        // One data bit changes many: the permutation spreads each nibble's change over the block.
        ulong.PopCount(sta.Encrypt(0) ^ sta.Encrypt(1)).ShouldBeGreaterThan(8UL);
    }

    [Fact]
    public void SampleTables_SecondSubstitutionIsTheFirstsInverse()
    {
        // As the standard's sample tables are built; a property of the samples, not of the algorithm (licensed tables need not).
        var first = StaTables.Sample.Substitution1;
        var second = StaTables.Sample.Substitution2;
        Enumerable.Range(0, 16).ShouldAllBe(n => second[first[n]] == n);
    }

    [Fact]
    public void Read_LicenseesTableFile_IsUsed()
    {
        var identity = string.Join(',', Enumerable.Range(0, 16));
        var reversed = string.Join(',', Enumerable.Range(0, 64).Reverse());
        var tables = StaTables.Read("licensed.json", $$"""{"substitution1": [{{identity}}], "substitution2": [{{identity}}], "permutation": [{{reversed}}]}""");

        // Identity substitutions and a bit reversal: sixteen reversals leave the block as it was.
        new StandardTransferAlgorithm(0x1234, tables).Encrypt(0x0123456789ABCDEFUL).ShouldBe(0x0123456789ABCDEFUL);
        tables.Name.ShouldBe("licensed.json");
    }

    [Theory]
    [InlineData("""{"substitution1": [0,1], "substitution2": [], "permutation": []}""", "substitution1")]
    [InlineData("""{"substitution1": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,14], "substitution2": [], "permutation": []}""", "substitution1")]
    [InlineData("""{"substitution1": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15], "substitution2": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}""", "permutation")]
    [InlineData("not json", "not a table file")]
    public void Read_BrokenTableFile_SaysWhatIsWrong(string json, string named)
    {
        Should.Throw<FormatException>(() => StaTables.Read("t.json", json)).Message.ShouldContain(named);
    }
}
