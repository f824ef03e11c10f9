using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Vending;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// What the web console serves and where. The host opens the books with the site's audit key (no operator: operators sign in
/// through the browser) and opens the counter's card reader; the console owns neither.
/// </summary>
/// <param name="Office">The back office on the site's books, opened with its audit key.</param>
/// <param name="Listen">host:port; port 0 picks a free one.</param>
/// <param name="Reader">The counter's card reader: every card operation of every clerk goes through it, one at a time.</param>
/// <param name="ReaderName">How the pages name the reader ("pcsc:Virtual PCD 00 00", "folder:cards (card li)").</param>
public sealed record WebConsoleOptions(BackOffice Office, string Listen, ICardReader Reader, string ReaderName)
{
    /// <summary>Where an unexpected fault's exception is written (the clerk sees a sentence, not a stack). Nowhere by default.</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;

    /// <summary>A second reader beside the counter's, for the card a meter change reads while the counter's reader writes another.</summary>
    public ICardReader? SecondReader { get; init; }

    /// <summary>How the pages name the second reader.</summary>
    public string? SecondReaderName { get; init; }

    /// <summary>
    /// What the meter display may show (`--meters`): folders whose virtual meters' *.nvram files are looked at afresh on every
    /// visit. None: no meter pages and no link to them. The console only reads these files.
    /// </summary>
    public IReadOnlyList<string> Meters { get; init; } = [];

    /// <summary>
    /// With it, the lab offers the stack target too (`prepaid web --lab-stack`): each meter its own `prepaid meter run` process
    /// behind pcscd, vpcd and a socat serial pair, started with this command. Null: the virtual target only.
    /// </summary>
    public Lab.Targets.StackTargetOptions? LabStack { get; init; }

    /// <summary>How often a live stream checks again that its operator's session stands (<see cref="StreamLease"/>); 15 s.</summary>
    public TimeSpan StreamRecheck { get; init; } = TimeSpan.FromSeconds(15);
}
