using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Integrity;

/// <summary>These tests flip the process-wide switch, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegritySwitch
{
    public const string Name = "card integrity switch";
}

/// <summary>The codec on the fast paths writes and reads the bytes it writes and reads on the plain code, on every shipped layout.</summary>
[Collection(IntegritySwitch.Name)]
public sealed class CardIntegritySwitchProperties
{
    public static TheoryData<string> LayoutIds => [.. CardLayouts.All.Select(l => l.Id)];

    [Theory]
    [InlineData(null, IntegrityImplementation.Fast)]
    [InlineData("", IntegrityImplementation.Fast)]
    [InlineData("fast", IntegrityImplementation.Fast)]
    [InlineData("plain", IntegrityImplementation.Plain)]
    [InlineData(" Plain ", IntegrityImplementation.Plain)]
    public void TheEnvironmentVariable_ChoosesTheStartingImplementation(string? value, IntegrityImplementation expected) =>
        CardIntegrity.Parse(value).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void EncodeDecodeAndReturnWrite_OnTheFastPaths_AreThePlainOnes(string id)
    {
        var layout = CardLayouts.Get(id);
        var meterPrefix = new MacPrefix(); // kept across cards, as a meter keeps it
        Prop.ForAll(CardGens.ReturnWriteCase(layout).ToArbitrary(), c =>
        {
            var (record, block) = c;

            var fastCard = On(IntegrityImplementation.Fast, () =>
            {
                layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
                layout.Decode(image, Some.Keys, meterPrefix).Record.ShouldBe(record);
                layout.WriteReturnWrite(image, record.Kind, record.CreditUnit, block, Some.Keys, meterPrefix).ThrowIfRefused();
                return image;
            });
            var plainCard = On(IntegrityImplementation.Plain, () =>
            {
                layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
                layout.Decode(image, Some.Keys).Record.ShouldBe(record);
                layout.WriteReturnWrite(image, record.Kind, record.CreditUnit, block, Some.Keys).ThrowIfRefused();
                layout.Decode(image, Some.Keys).Record.ShouldBe(record with { ReturnWrite = block });
                return image;
            });
            fastCard.ShouldBe(plainCard);
        }).QuickCheckThrowOnFailure(500);
    }

    private static T On<T>(IntegrityImplementation implementation, Func<T> work)
    {
        var was = CardIntegrity.Implementation;
        CardIntegrity.Implementation = implementation;
        try
        {
            return work();
        }
        finally
        {
            CardIntegrity.Implementation = was;
        }
    }
}
