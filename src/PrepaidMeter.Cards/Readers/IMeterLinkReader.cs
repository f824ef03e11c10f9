using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// The meter link seam, as <see cref="ICardReader"/> is the card reader's: what the back office needs of a line of
/// meters (a DL/T 645 bus, in the field an RS-485 pair) to read one meter's registers, and no more. The hardware side
/// implements it over a serial line; the back office never sees a frame. A meter that does not answer, or answers
/// with a refusal, is a result, not an exception.
/// </summary>
public interface IMeterLinkReader
{
    /// <summary>The line as a user names it (the serial port).</summary>
    string Name { get; }

    /// <summary>
    /// Reads <paramref name="meter"/>'s registers — purchase count loaded, remaining credit in <paramref name="unit"/>
    /// (negative in overdraft), cumulative energy, status, its clock — as one reading, the shape a return-write has.
    /// </summary>
    Task<LinkReading> ReadAsync(MeterNumber meter, CreditUnit unit, CancellationToken cancellationToken);
}

/// <summary>How a meter answered a reading over the link.</summary>
public enum LinkReadingOutcome
{
    /// <summary>Every register read: <see cref="LinkReading.Block"/> holds them.</summary>
    Read,

    /// <summary>No reply within the line's bounded wait, after its tries, to one of the reads.</summary>
    Silent,

    /// <summary>The meter answered, but refused a read or answered something that was not the register asked for.</summary>
    Refused,
}

/// <summary>One meter's answer over the link: its registers as a return-write block, or why there are none.</summary>
public readonly record struct LinkReading(LinkReadingOutcome Outcome, ReturnWriteBlock Block, string Message)
{
    public static LinkReading Read(ReturnWriteBlock block) => new(LinkReadingOutcome.Read, block, "");

    public static LinkReading Silent(string message) => new(LinkReadingOutcome.Silent, default, message);

    public static LinkReading Refused(string message) => new(LinkReadingOutcome.Refused, default, message);
}
