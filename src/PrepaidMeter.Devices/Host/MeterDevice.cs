using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.Host;

/// <summary>
/// The virtual meter as a long-lived device (`prepaid meter run --reader pcsc:...`): it waits in pcscd for a
/// card in its reader, reads the whole image, applies its rules, saves its NVRAM, writes back only the bytes its
/// return-write changed (verified by read-back), and waits for the card to leave before taking the next
/// one — a meter handles one insertion once. Beside that it answers DL/T 645 (a water or gas meter: CJ/T 188) on its
/// serial line, and its clock runs in real time under the given load (or flow). The host stops it on Ctrl-C or SIGTERM; the NVRAM is saved
/// after every card and every other change, at least every <see cref="SaveEvery"/> while the clock runs (so a reader of the file —
/// the web console's meter display — sees the credit go down), and once more at the end.
/// </summary>
public sealed partial class MeterDevice(VirtualMeter meter, MeterDeviceSetup setup, TimeProvider time, ILogger<MeterDevice> logger) : BackgroundService
{
    // The source-generated log methods look for a field of this name.
    private readonly ILogger<MeterDevice> _logger = logger;

    // How long one wait in pcscd may last before the device looks at its clock and its stop token again.
    private static readonly TimeSpan CardWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest the file goes unsaved while the clock runs with no event: consumption alone changes the registers every
    /// second, and a display following the file should not show a credit older than this. Not every second: each save is a
    /// write flushed to disk.
    /// </summary>
    public static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);

    // The card loop and the serial server both touch the meter; one at a time.
    private readonly Lock _meterLock = new();
    private readonly long _startedAt = time.GetTimestamp();

    // When the file was last written (the clock's timestamp); guarded by the meter lock.
    private long _savedAt = time.GetTimestamp();
    private readonly DateTimeOffset _meterClockAtStart = meter.Snapshot().Clock;
    private readonly string _port = setup.Port ?? "no serial line";
    private readonly Core.MeterNumber _number = meter.Snapshot().MeterNumber;

    // The lab may put another meter (a fresh NVRAM image) into the device between scenarios, as a bench meter is reflashed.
    private VirtualMeter _meter = meter;
    private string _meterPath = setup.MeterPath;

    // A power cut the lab asked for inside the next card's handling (rule N2).
    private PowerCut _nextCut;

    /// <summary>Cards handled so far.</summary>
    public int CardsHandled { get; private set; }

    /// <summary>Raised after each card, with what the meter answered (the lab reads it).</summary>
    public event Action<CardOutcome>? CardHandled;

    /// <summary>Completes once the device is waiting for cards (and answering on its line).</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var serving = setup.Line is { } line ? Serve(line, stoppingToken) : Task.CompletedTask;
        Waiting(_number, setup.Reader.Name, _port);
        Ready.TrySetResult();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await setup.Reader.WaitForCardAsync(CardWait, stoppingToken) == CardPresence.Present)
                {
                    await HandleCardAsync(stoppingToken);
                    while (!await setup.Reader.WaitForRemovalAsync(CardWait, stoppingToken))
                    {
                        CatchUp();
                    }
                }

                CatchUp();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopped by the host
        }
        finally
        {
            await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Save();
            Stopped(CardsHandled, _meterPath);
        }
    }

    private async Task HandleCardAsync(CancellationToken cancellationToken)
    {
        if (!_meter.Model.TakesCards)
        {
            AnswerWithoutReading();
            return;
        }

        // Every byte any of the model's layouts places on its card, then the image of the layout the card carries.
        var (read, memory) = await CardImageIo.ReadAsync(setup.Reader, _meter.Model.CardBytes, cancellationToken);
        if (!read.Success)
        {
            // The meter shows a read error and changes nothing; the lab hears of it as of any card, so it never waits in vain.
            CardUnreadable(read);
            CardHandled?.Invoke(CardOutcome.Unreadable(read.ToString()));
            return;
        }

        var layout = _meter.Model.LayoutForCard(memory);
        var image = layout.ImageOn(memory).ToArray();
        if (image.Length == 0)
        {
            image = memory;
        }

        var before = image.ToArray();
        CardOutcome outcome;
        string? nvramProblem;
        lock (_meterLock)
        {
            CatchUpLocked();
            outcome = _meter.InsertCard(image, _nextCut);
            _nextCut = PowerCut.None;

            // The firmware's order (rule N2): the meter's state is in its NVRAM before the return-write goes onto the card.
            nvramProblem = MeterFiles.TrySave(_meterPath, _meter);
            if (nvramProblem is null)
            {
                _savedAt = time.GetTimestamp();
            }
        }

        CardsHandled++;
        if (nvramProblem is not null)
        {
            // The card stays as it was, so it never says more than the NVRAM holds. The meter keeps the insertion
            // in memory and saves it with its next change: until then a restart forgets it and the card, still
            // "not swiped", loads again; after, the card's next insertion is already loaded and gets its return-write.
            NvramNotSaved(_meterPath, nvramProblem);
            outcome = outcome with { Detail = $"{outcome.Detail}; the NVRAM could not be saved, the card was not written", CardWritten = false };
        }
        else if (outcome.CardWritten)
        {
            var written = await CardImageIo.WriteChangedAsync(setup.Reader, before, image, _meter.CardPsc, cancellationToken,
                cardOffset: image == memory ? 0 : layout.MediumOffset);
            if (!written.Success)
            {
                // The meter committed and saved before writing, as the firmware does (rule N2): the next insertion
                // of this card is seen as already loaded and gets its return-write then.
                ReturnWriteFailed(written);
            }
        }

        if (outcome.Accepted)
        {
            CardAccepted(outcome);
        }
        else
        {
            CardRefused(outcome);
        }

        CardHandled?.Invoke(outcome);
    }

    /// <summary>
    /// A keypad-only meter has no card reader (rule TK16): it answers a card in its slot without reading it, as the in-process
    /// target does, and the card stays as it was. The answer is saved like any card's.
    /// </summary>
    private void AnswerWithoutReading()
    {
        CardOutcome outcome;
        lock (_meterLock)
        {
            CatchUpLocked();
            outcome = _meter.InsertCard([], _nextCut);
            _nextCut = PowerCut.None;
            if (MeterFiles.TrySave(_meterPath, _meter) is { } notSaved)
            {
                NvramNotSavedKeptInMemory(_meterPath, "a card it has no reader for", notSaved);
            }
            else
            {
                _savedAt = time.GetTimestamp();
            }
        }

        CardsHandled++;
        CardRefused(outcome);
        CardHandled?.Invoke(outcome);
    }

    /// <summary>The meter on its serial line: DL/T 645 for an electricity meter, CJ/T 188 for a water or gas meter (docs/cjt188.md).</summary>
    private Task Serve(ISerialLine line, CancellationToken stoppingToken)
    {
        if (_meter.Model.Utility == Core.Utility.Electricity)
        {
            var dlt645 = new VirtualMeterOnTheLink(() => _meter, setup.ControlPassword, _meterLock);
            dlt645.Changed += Save;
            return new SerialMeterServer(line, dlt645, time).RunAsync(stoppingToken);
        }

        var cjt188 = new VirtualMeterOnCjt188(() => _meter, _meterLock);
        cjt188.Changed += Save;
        return new Hardware.MeterLink.Cjt188.Cjt188MeterServer(line, cjt188, time).RunAsync(stoppingToken);
    }

    /// <summary>Lab clock: lets <paramref name="steps"/> pass under <paramref name="load"/> and returns what happened; the NVRAM is saved once, at the end.</summary>
    public TimePassed Advance(TimeSteps steps, LoadProfile load)
    {
        lock (_meterLock)
        {
            var passed = _meter.Advance(steps, load);
            MeterFiles.Save(_meterPath, _meter);
            return passed;
        }
    }

    /// <summary>Lab clock for a water or gas meter: lets <paramref name="steps"/> pass with <paramref name="flow"/> drawn; the NVRAM saved once, at the end.</summary>
    /// <exception cref="InvalidOperationException">The meter measures electricity: the lab sent a flow to the wrong device.</exception>
    public TimePassed Advance(TimeSteps steps, FlowProfile flow)
    {
        lock (_meterLock)
        {
            var passed = _meter.Advance(steps, flow);
            MeterFiles.Save(_meterPath, _meter);
            return passed;
        }
    }

    /// <summary>A person's act at the meter's parts, now (the lab's hands); its events, the NVRAM saved.</summary>
    /// <exception cref="InvalidOperationException">The meter has no such part.</exception>
    public IReadOnlyList<MeterEvent> Do(PartAct act)
    {
        lock (_meterLock)
        {
            var events = _meter.Do(act);
            MeterFiles.Save(_meterPath, _meter);
            return events;
        }
    }

    /// <summary>
    /// The lab's finger at the meter's keypad (rule TK2): types <paramref name="keys"/> on a fresh keypad, as the in-process
    /// target does, and saves the NVRAM once the entries are made, as after a card — a token the meter took is in its file
    /// before the lab hears of it. <paramref name="outcomes"/> holds the meter's answer to each enter. A save that fails is
    /// logged and said in each answer's detail; the meter keeps the entries in memory and saves them with its next change.
    /// </summary>
    /// <returns>Why nothing was typed (a meter without a keypad, a key the keypad has not); null when the keys were typed.</returns>
    public string? Keypad(string keys, out IReadOnlyList<Meter.Tokens.TokenOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        outcomes = [];
        lock (_meterLock)
        {
            if (!_meter.Model.TakesTokens)
            {
                return $"meter {_meter.Snapshot().MeterNumber} ({_meter.Model.Id}) has no keypad";
            }

            CatchUpLocked();
            if (new PrepaidMeter.Meter.Keypad(_meter).Type(keys, out var problem) is not { } typed)
            {
                return problem;
            }

            outcomes = typed;
            if (typed.Count == 0)
            {
                return null; // no enter: the meter saw nothing, and the digits left in the buffer go with the keypad
            }

            if (MeterFiles.TrySave(_meterPath, _meter) is { } notSaved)
            {
                NvramNotSavedKeptInMemory(_meterPath, "a keypad entry", notSaved);
                outcomes = [.. typed.Select(o => o with { Detail = $"{o.Detail}; the NVRAM could not be saved" })];
                return null;
            }

            _savedAt = time.GetTimestamp();
            return null;
        }
    }

    /// <summary>Cuts or restores the meter's power (rules N1, N3).</summary>
    public void Power(bool on)
    {
        lock (_meterLock)
        {
            if (on)
            {
                _meter.Restore();
            }
            else
            {
                _meter.CutPower();
            }

            MeterFiles.Save(_meterPath, _meter);
        }
    }

    /// <summary>Cuts the power at <paramref name="point"/> inside the next card's handling.</summary>
    public void CutDuringNextCard(PowerCut point)
    {
        lock (_meterLock)
        {
            _nextCut = point;
        }
    }

    public MeterSnapshot Read()
    {
        lock (_meterLock)
        {
            return _meter.Snapshot();
        }
    }

    /// <summary>Lab: the device becomes the meter in <paramref name="nvramPath"/> (a new one for the next scenario); the problem when it cannot.</summary>
    public string? Load(string nvramPath)
    {
        lock (_meterLock)
        {
            if (MeterFiles.TryLoad(nvramPath, out var loaded) is { } problem)
            {
                return problem;
            }

            _meter = loaded!;
            _meterPath = nvramPath;
            _nextCut = PowerCut.None;
            return null;
        }
    }

    private void CatchUp()
    {
        lock (_meterLock)
        {
            CatchUpLocked();
        }
    }

    // The meter's clock follows the wall clock from the moment the device started (the lab moves it itself).
    private void CatchUpLocked()
    {
        if (setup.LabClock)
        {
            return;
        }

        var due = _meterClockAtStart + time.GetElapsedTime(_startedAt);
        var behind = due - _meter.Snapshot().Clock;
        if (behind <= TimeSpan.Zero)
        {
            return;
        }

        var happened = _meter.Model.Utility == Core.Utility.Electricity
            ? _meter.Advance(behind, setup.Load)
            : _meter.Advance(behind, setup.Flow ?? FlowProfile.None);
        foreach (var meterEvent in happened)
        {
            MeterEventHappened(meterEvent);
        }

        if (happened.Count > 0 || time.GetElapsedTime(_savedAt) >= SaveEvery)
        {
            SaveLocked();
        }
    }

    private void Save()
    {
        lock (_meterLock)
        {
            SaveLocked();
        }
    }

    private void SaveLocked()
    {
        MeterFiles.Save(_meterPath, _meter);
        _savedAt = time.GetTimestamp();
    }
}
