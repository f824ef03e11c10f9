using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using Shouldly;

namespace PrepaidMeter.Testing;

/// <summary>
/// The APDUs a counter sends to sell onto a reference-layout SLE4442 user card in an ACS reader — select the card
/// type, read the image, present the PSC, write the bytes that change, read them back — sent to a
/// <see cref="MemoryCardOnAcsReader"/> behind a <see cref="TracingMedium"/>, on a fake clock.
/// </summary>
public static class SaleOnACard
{
    public static readonly byte[] Psc = Some.GroupSecret[..3];

    public static CardLayout Layout => CardLayouts.ReferenceV1;

    /// <summary>A user card holding purchase <paramref name="count"/> of <paramref name="kwh"/>.</summary>
    public static MemoryCard Card(uint count, decimal kwh)
    {
        Layout.Encode(Some.UserCard(Layout.Id, count, kwh), Some.Keys, out var image).Success.ShouldBeTrue();
        return new MemoryCard(image, Psc);
    }

    /// <summary>The exchanges, card side, of selling purchase <paramref name="count"/> + 1 of <paramref name="kwh"/> onto <paramref name="card"/>.</summary>
    public static List<ApduExchange> Sell(MemoryCard card, decimal kwh, byte[]? psc = null)
    {
        var trace = new CollectingTrace(new FakeTimeProvider(Some.Moment));
        var medium = new TracingMedium(new MemoryCardOnAcsReader(card), trace);
        Play(medium, card.Memory.ToArray(), kwh, psc ?? Psc);
        return trace.Exchanges;
    }

    /// <summary>The sale's commands to <paramref name="medium"/>, the card read as <paramref name="before"/>.</summary>
    public static void Play(IVirtualCardMedium medium, byte[] before, decimal kwh, byte[] psc)
    {
        var record = Layout.Decode(before, Some.Keys).GetRecordOrThrow();
        Layout.Encode(Some.UserCard(Layout.Id, record.PurchaseCount.Value + 1, kwh), Some.Keys, out var after).Success.ShouldBeTrue();
        medium.Respond(AcsMemoryApdus.SelectCardType(CardMedium.Sle4442));
        medium.Respond(AcsMemoryApdus.Read(0, 255));
        medium.Respond(AcsMemoryApdus.Read(255, 1));
        medium.Respond(AcsMemoryApdus.PresentCode(psc));
        var runs = CardImageIo.ChangedRuns(before, after);
        foreach (var (offset, length) in runs)
        {
            medium.Respond(AcsMemoryApdus.Write(offset, after.AsSpan(offset, length)));
        }

        medium.Respond(AcsMemoryApdus.Read(runs[0].Offset, runs[^1].Offset + runs[^1].Length - runs[0].Offset));
    }
}
