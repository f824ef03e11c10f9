using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>docs/meter-rules.md, section N.</summary>
public sealed class NvramAndPowerRules
{
    private static MeterModel? Models(string id) => MeterModels.Resolve(id).Model;

    [Fact]
    public void N1_StateRoundTripsThroughNvram()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000));
        bench.Run(TimeSpan.FromHours(7), 1234);
        VirtualMeter.TryLoad(bench.Meter.SaveNvram(), Models, out var loaded).ShouldBeNull();
        loaded!.Snapshot().ShouldBeEquivalentTo(bench.State);
    }

    [Fact]
    public void N1_DamagedNvram_IsRefusedWithAReason()
    {
        var image = new MeterHarness().Meter.SaveNvram();
        image[20] ^= 1;
        VirtualMeter.TryLoad(image, Models, out _).ShouldNotBeNull().ShouldContain("CRC-32");
        VirtualMeter.TryLoad([1, 2, 3], Models, out _).ShouldNotBeNull().ShouldContain("PMNV");
    }

    [Theory]
    [InlineData(PowerCutPoint.BeforeCommit, false)]
    [InlineData(PowerCutPoint.AfterCommit, true)]
    [InlineData(PowerCutPoint.DuringCardWrite, true)]
    public void N2_PowerCutInsideCardHandling_LoadsThePurchaseExactlyOnceOrNotAtAll(PowerCutPoint cut, bool loadedByTheCut)
    {
        var bench = new MeterHarness().Configured();
        var card = bench.UserCard(1, 5000);
        var image = bench.Image(card);
        bench.Meter.InsertCard(image, cut).Result.ShouldBe(MeterResult.PowerCut);
        bench.Meter.IsPowered.ShouldBeFalse();
        bench.Meter.Restore();
        bench.State.CumulativeLoaded.Hundredths.ShouldBe(loadedByTheCut ? 5000 : 0);

        // The customer inserts the card again (a torn card is rewritten from the counter's copy).
        var again = bench.Layout.Decode(image, Testing.Some.Keys).Success ? image : bench.Image(card);
        var outcome = bench.Insert(again);
        outcome.Result.ShouldBe(loadedByTheCut ? MeterResult.AlreadyLoaded : MeterResult.Loaded);
        bench.State.CumulativeLoaded.Hundredths.ShouldBe(5000);
        bench.Decode(again).ReturnWrite!.Value.LoadedCount.Value.ShouldBe(1u);
    }

    [Fact]
    public void N2_TornReturnWrite_NeverDecodesAsAValidCard()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 5000));
        bench.Meter.InsertCard(image, PowerCutPoint.DuringCardWrite);
        bench.Layout.Decode(image, Testing.Some.Keys).Success.ShouldBeFalse();
    }

    [Fact]
    public void N3_WithoutPower_CardsAndTimeDoNothing()
    {
        var bench = new MeterHarness().Configured();
        bench.Meter.CutPower();
        bench.Insert(bench.UserCard(1, 5000)).Result.ShouldBe(MeterResult.PowerOff);
        bench.Run(TimeSpan.FromHours(5), 1000);
        bench.Meter.ApplyRemote(RemoteCommand.Trip).ShouldBeFalse();
        bench.Meter.Restore();
        bench.State.CumulativeEnergy.Hundredths.ShouldBe(0);
        bench.State.PurchaseCount.Value.ShouldBe(0u);
        bench.State.Events[^1].Kind.ShouldBe(MeterEventKind.PowerRestored);
    }
}
