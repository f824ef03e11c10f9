using Microsoft.Extensions.Logging;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Meter;

namespace PrepaidMeter.Devices.Host;

/// <summary>What the device logs: the host's logger (Serilog on stderr under `prepaid meter run`) decides where it goes.</summary>
public sealed partial class MeterDevice
{
    [LoggerMessage(Level = LogLevel.Information, Message = "meter {Meter} waiting for cards in '{Reader}', DL/T 645 on {Port}")]
    private partial void Waiting(Core.MeterNumber meter, string reader, string port);

    [LoggerMessage(Level = LogLevel.Information, Message = "card: {Outcome}")]
    private partial void CardAccepted(CardOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "card refused: {Outcome}")]
    private partial void CardRefused(CardOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "card could not be read: {Problem}")]
    private partial void CardUnreadable(CardIoResult problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "the meter's NVRAM could not be saved to {Path} ({Problem}); the card was not written")]
    private partial void NvramNotSaved(string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "the meter's NVRAM could not be saved to {Path} after {What} ({Problem}); the meter keeps it in memory until its next save")]
    private partial void NvramNotSavedKeptInMemory(string path, string what, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "return-write failed: {Problem}")]
    private partial void ReturnWriteFailed(CardIoResult problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Event}")]
    private partial void MeterEventHappened(Meter.State.MeterEvent @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "meter stopped after {Cards} cards; NVRAM saved to {Path}")]
    private partial void Stopped(int cards, string path);
}
