using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>The cut points of rule N2 by name: what lands on the card at each.</summary>
public sealed class PowerCutTests
{
    private static (MeterHarness Bench, byte[] Card, byte[] Written) FirstPurchase()
    {
        var bench = new MeterHarness().Configured();
        var card = bench.Image(bench.UserCard(1, 5000));
        var written = (byte[])card.Clone();
        VirtualMeter.TryLoad(bench.Meter.SaveNvram(), id => MeterModels.Resolve(id).Model, out var twin).ShouldBeNull();
        twin!.InsertCard(written).Result.ShouldBe(MeterResult.Loaded);
        return (bench, card, written);
    }

    /// <summary>The first <paramref name="landed"/> changed offsets, lowest first, hold the written bytes; the rest the card's own.</summary>
    private static void ShouldHaveLanded(byte[] torn, byte[] original, byte[] written, int landed)
    {
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != written[i]).ToArray();
        changed.Length.ShouldBeGreaterThan(landed);
        changed[..landed].ShouldAllBe(i => torn[i] == written[i]);
        changed[landed..].ShouldAllBe(i => torn[i] == original[i]);
        Enumerable.Range(0, torn.Length).Except(changed).ShouldAllBe(i => torn[i] == original[i]);
    }

    [Fact]
    public void InsertCard_DuringCardWritePoint_LandsTheLowerHalfOfTheChangedBytes()
    {
        var (bench, card, written) = FirstPurchase();
        var original = (byte[])card.Clone();
        var half = original.Zip(written).Count(pair => pair.First != pair.Second) / 2;

        bench.Meter.InsertCard(card, PowerCutPoint.DuringCardWrite).Result.ShouldBe(MeterResult.PowerCut);

        ShouldHaveLanded(card, original, written, half);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    public void InsertCard_DuringCardWriteAfterK_LandsExactlyTheFirstKChangedBytes(int k)
    {
        var (bench, card, written) = FirstPurchase();
        var original = (byte[])card.Clone();

        var outcome = bench.Meter.InsertCard(card, PowerCut.DuringCardWrite(k));

        outcome.Result.ShouldBe(MeterResult.PowerCut);
        outcome.CardWritten.ShouldBe(k > 0);
        ShouldHaveLanded(card, original, written, k);
    }

    [Fact]
    public void InsertCard_DuringCardWritePastEveryChangedByte_LandsTheWholeReturnWrite()
    {
        var (bench, card, written) = FirstPurchase();
        bench.Meter.InsertCard(card, PowerCut.DuringCardWrite(10_000)).Result.ShouldBe(MeterResult.PowerCut);
        card.ShouldBe(written);
    }

    [Fact]
    public void InsertCard_BeforeReadBack_LeavesTheWholeReturnWriteAndTheMeterOff()
    {
        var (bench, card, written) = FirstPurchase();
        var outcome = bench.Meter.InsertCard(card, PowerCut.BeforeReadBack);
        outcome.Result.ShouldBe(MeterResult.PowerCut);
        outcome.CardWritten.ShouldBeTrue();
        outcome.Detail.ShouldContain("before the meter read it back");
        card.ShouldBe(written);
        bench.Meter.IsPowered.ShouldBeFalse();
        bench.Meter.Restore();
        bench.State.CumulativeLoaded.Hundredths.ShouldBe(5000);
    }

    [Fact]
    public void DuringCardWrite_NegativeCount_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => PowerCut.DuringCardWrite(-1));

    [Theory]
    [InlineData(PowerCutPoint.None, PowerCutStep.None)]
    [InlineData(PowerCutPoint.BeforeCommit, PowerCutStep.BeforeCommit)]
    [InlineData(PowerCutPoint.AfterCommit, PowerCutStep.AfterCommit)]
    [InlineData(PowerCutPoint.DuringCardWrite, PowerCutStep.DuringCardWrite)]
    public void From_EveryPoint_NamesTheSameStep(PowerCutPoint point, PowerCutStep step) => PowerCut.From(point).Step.ShouldBe(step);

    [Fact]
    public void From_DuringCardWrite_IsTheHalfwayCut_AndDiffersFromAnyCount()
    {
        PowerCut.From(PowerCutPoint.DuringCardWrite).ShouldBe(PowerCut.HalfwayThroughCardWrite);
        PowerCut.From(PowerCutPoint.DuringCardWrite).ShouldNotBe(PowerCut.DuringCardWrite(0));
        PowerCut.HalfwayThroughCardWrite.LandedOf(9).ShouldBe(4);
        PowerCut.DuringCardWrite(3).ToString().ShouldBe("DuringCardWrite(3)");
        default(PowerCut).ShouldBe(PowerCut.None);
    }

    [Theory]
    [InlineData(PowerCutStep.None)]
    [InlineData(PowerCutStep.BeforeCommit)]
    [InlineData(PowerCutStep.AfterCommit)]
    [InlineData(PowerCutStep.DuringCardWrite)]
    [InlineData(PowerCutStep.BeforeReadBack)]
    public void At_EveryStep_IsThatStepWithNoByteCount(PowerCutStep step)
    {
        PowerCut.At(step).Step.ShouldBe(step);
        PowerCut.At(step).ChangedBytesLanded.ShouldBeNull();
    }

    [Fact]
    public void At_DuringCardWriteWithACount_IsThatCut_AndSaysItsCount()
    {
        PowerCut.At(PowerCutStep.DuringCardWrite, 5).ShouldBe(PowerCut.DuringCardWrite(5));
        PowerCut.At(PowerCutStep.DuringCardWrite, 5).ChangedBytesLanded.ShouldBe(5);
        PowerCut.At(PowerCutStep.DuringCardWrite).ShouldBe(PowerCut.HalfwayThroughCardWrite);
    }

    [Fact]
    public void At_ACountWithAStepThatWritesNoCard_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => PowerCut.At(PowerCutStep.AfterCommit, 2));
}
