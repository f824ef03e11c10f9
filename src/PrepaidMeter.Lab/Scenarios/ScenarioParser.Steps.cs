using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Scenarios;

public static partial class ScenarioParser
{
    private const string ExpectFields = "expect takes refused, result, relay, openReasons, remaining, remainingChange, cumulativeEnergy, purchaseCount, creditState, lifeCycle, "
        + "illegalCards, alarm, cardPurchaseCount, cardLoadedCount, cardRemaining, cardSerial, cardMeter, cardCumulativeEnergy, cardStatus, "
        + "receipts, sold, collected, pendingWrites, recordedLoadedCount, recordedRemaining, recordedCumulativeEnergy, events, "
        + "for a water or gas meter valve, valveAlarm, valveMotorRuns, battery, batteryMillivolts, tamperLatched, tamperActive, leaking and cumulativeVolume, "
        + "and for a token meter token, tokens, display, tidsKept, keyRevision, baseDate and keyExpiry";

    private static List<ScenarioStep> ReadSteps(IReadOnlyList<JsonElement> list, string source, List<string> errors)
    {
        var steps = new List<ScenarioStep>();
        var images = new HashSet<string>(StringComparer.Ordinal) { "lost" };
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"{source}, step {i + 1}";
            if (list[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{where}: a step is an object with \"do\", not {JsonFields.Describe(list[i])}");
                continue;
            }

            var fields = new JsonFields(list[i], where, errors);
            if (fields.Named<StepKind>("do", required: true) is not { } kind)
            {
                continue;
            }

            fields = new JsonFields(list[i], $"{where} ('{StepKinds.NameOf(kind)}')", errors);
            fields.Text("do");
            if (ReadStep(fields, kind, i + 1, images, tokens) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static ScenarioStep? ReadStep(JsonFields fields, StepKind kind, int number, HashSet<string> images, HashSet<string> tokens)
    {
        var takes = StepKinds.Arguments(kind);
        if (StepKinds.IsToken(kind))
        {
            var tokenStep = ReadTokenStep(fields, new ScenarioStep { Number = number, Kind = kind, Note = fields.Text("note") }, tokens);
            if (fields.Object("expect") is { } tokenExpect)
            {
                tokenStep = tokenStep with { Expect = ReadExpectation(tokenExpect, kind) };
                if (tokenStep is { TokenSale.Enter: false, Expect: { } saleExpect } && (saleExpect.Token is not null || saleExpect.Tokens is not null || saleExpect.Display is not null))
                {
                    fields.Error("'token', 'tokens' and 'display' name nothing here: the sold token is not entered (add \"enter\": true)");
                }
            }

            fields.RefuseUnread($"it takes {string.Join(", ", takes)}, note and expect");
            return tokenStep;
        }

        var step = new ScenarioStep
        {
            Number = number,
            Kind = kind,
            Note = fields.Text("note"),
            Purchase = takes.Contains("energy") ? ReadPurchase(fields, required: kind is not (StepKind.OpenAccount or StepKind.ForgeCard)) : null,
            Money = takes.Contains("money") && !takes.Contains("energy") ? fields.Parsed("money", Money.Parse, required: true) : null,
            Meter = takes.Contains("meter") ? fields.Parsed("meter", MeterNumber.Parse) : takes.Contains("to") ? fields.Parsed("to", MeterNumber.Parse, required: true) : null,
            Name = takes.Contains("as") ? fields.Text("as", required: true) : takes.Contains("image") ? fields.Text("image", required: true) : null,
            Reason = takes.Contains("reason") ? fields.Text("reason") : null,
            ToolKind = takes.Contains("kind") ? ReadToolKind(fields) : null,
            Duration = takes.Contains("for") ? fields.Parsed("for", Durations.Parse, required: true) : null,
            Offset = takes.Contains("offset") ? fields.SmallCount("offset") : null,
            Cut = takes.Contains("cut") && !fields.Has("cardFault") ? ReadCut(fields) : PowerCut.None,
            CardFault = takes.Contains("cardFault") ? ReadCardFault(fields) : CardFaults.None,
            Interrupt = takes.Contains("interrupt") ? ReadInterruption(fields) : null,
            Command = takes.Contains("command") ? fields.Named<RemoteCommand>("command", required: true) : null,
        };
        if (kind == StepKind.Consume)
        {
            step = ReadLoad(fields, step);
        }

        if (kind == StepKind.Flow)
        {
            step = ReadFlow(fields, step);
        }

        if (kind == StepKind.KeepImage && step.Name is { } kept)
        {
            images.Add(kept);
        }

        if (kind == StepKind.Replay && step.Name is { } replayed && !images.Contains(replayed))
        {
            fields.Error($"'image': no earlier keepImage step keeps an image called '{replayed}' (nor is it 'lost')");
        }

        if (fields.Object("expect") is { } expect)
        {
            step = step with { Expect = ReadExpectation(expect, kind) };
        }

        var argumentList = takes.Count == 0 ? "it takes only note and expect" : $"it takes {string.Join(", ", takes)}, note and expect";
        fields.RefuseUnread(argumentList);
        return step;
    }

    private static PurchaseRequest? ReadPurchase(JsonFields fields, bool required)
    {
        var energy = fields.Parsed("energy", Energy.Parse);
        var volume = fields.Parsed("volume", Volume.Parse);
        var money = fields.Parsed("money", Money.Parse);
        if ((energy is null ? 0 : 1) + (volume is null ? 0 : 1) + (money is null ? 0 : 1) > 1)
        {
            fields.Error("give one of 'energy', 'volume' or 'money'");
            return null;
        }

        if (energy is { } e)
        {
            return PurchaseRequest.ForEnergy(e);
        }

        if (volume is { } v)
        {
            return PurchaseRequest.ForVolume(v);
        }

        if (money is { } m)
        {
            return PurchaseRequest.ForMoney(m);
        }

        if (required && !fields.Has("energy") && !fields.Has("volume") && !fields.Has("money"))
        {
            fields.Error("needs 'energy' (an electricity meter), 'volume' (water or gas) or 'money'");
        }

        return null;
    }

    /// <summary>A swipe's power cut at the meter: a step of its card handling, and for the card write how many changed bytes land.</summary>
    private static PowerCut ReadCut(JsonFields fields)
    {
        var step = fields.Named<PowerCutStep>("cut") ?? PowerCutStep.None;
        var bytes = fields.SmallCount("afterBytes");
        if (bytes is not null && step != PowerCutStep.DuringCardWrite)
        {
            fields.Error("'afterBytes' counts the bytes of the meter's card write: give it with \"cut\": \"duringCardWrite\" or \"cardFault\": \"pulled\"");
            return PowerCut.At(step);
        }

        return PowerCut.At(step, bytes);
    }

    /// <summary>
    /// A swipe's card fault in the meter's reader: pulled after a byte of the meter's card write, leaving at an APDU, or a
    /// status word answered to an APDU — each with its own members and no other, and never with a power cut (one thing goes
    /// wrong at a time). APDUs count from 2: the meter's first APDU selects the card, and a reader refused there connects
    /// again, which a scenario cannot count on.
    /// </summary>
    private static CardFaults ReadCardFault(JsonFields fields)
    {
        if (!fields.Has("cardFault"))
        {
            if (fields.Element("apdu") is not null || fields.Element("sw") is not null)
            {
                fields.Error("'apdu' and 'sw' go with \"cardFault\" (leave or answer): the card's fault at the meter's reader");
            }

            return CardFaults.None;
        }

        var fault = fields.Named<SwipeCardFault>("cardFault");
        var bytes = fields.SmallCount("afterBytes");
        var apdu = fields.SmallCount("apdu");
        var sw = fields.Parsed("sw", ParseStatusWord);
        if (fields.Element("cut") is not null)
        {
            fields.Error("give 'cut' (the meter's power) or 'cardFault' (the card), not both: one thing goes wrong at a swipe");
        }

        if (apdu is < 2)
        {
            fields.Error("'apdu' counts the meter reader's APDUs from 2: APDU 1 selects the card, and a reader refused there connects again");
            apdu = null;
        }

        if (fault is not { } kind)
        {
            return CardFaults.None;
        }

        string[] members = kind switch
        {
            SwipeCardFault.Pulled => ["afterBytes"],
            SwipeCardFault.Leave => ["apdu"],
            _ => ["apdu", "sw"],
        };
        var takes = string.Join(" and ", members.Select(m => $"\"{m}\""));
        var name = JsonFields.CamelCase(kind.ToString());
        var stray = ((string[])["afterBytes", "apdu", "sw"]).Except(members).Where(fields.Has).ToList();
        if (stray.Count > 0)
        {
            fields.Error($"\"cardFault\": \"{name}\" takes {takes}, not {string.Join(" or ", stray.Select(m => $"'{m}'"))}");
            return CardFaults.None;
        }

        if (members.Any(m => !fields.Has(m)))
        {
            fields.Error($"\"cardFault\": \"{name}\" needs {takes}");
            return CardFaults.None;
        }

        return (kind, bytes, apdu, sw) switch
        {
            (SwipeCardFault.Pulled, { } b, _, _) => CardFaults.None.TearingWritesAfter(b),
            (SwipeCardFault.Leave, _, { } n, _) => CardFaults.None.LeavingAt(n),
            (SwipeCardFault.Answer, _, { } n, { } word) => CardFaults.None.Answering(ApduAnswer.To(n, word)),
            _ => CardFaults.None, // a member's own error is reported already
        };
    }

    /// <summary>Four hex digits a card may end an answer with (<see cref="ApduAnswer.StatusWordProblem"/>).</summary>
    private static ParseResult<ushort> ParseStatusWord(string text) =>
        text.Length != 4 || !ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sw)
            ? ParseResult<ushort>.ForError($"'{text}' is not a status word: four hex digits, such as 6F00")
            : ApduAnswer.StatusWordProblem(sw) is { } problem ? ParseResult<ushort>.ForError($"'{text}': {problem}") : ParseResult<ushort>.ForValue(sw);

    /// <summary>A counter step's card write cut short: by whom, and after how many bytes (both, or neither).</summary>
    private static CounterInterruption? ReadInterruption(JsonFields fields)
    {
        var kind = fields.Named<CounterInterruptionKind>("interrupt");
        var bytes = fields.SmallCount("afterBytes");
        if (kind is { } k && bytes is { } b)
        {
            return new CounterInterruption(k, b);
        }

        if (kind is not null && !fields.Has("afterBytes"))
        {
            fields.Error("'interrupt' needs 'afterBytes': how many bytes of the card write reach the card first");
        }
        else if (bytes is not null && !fields.Has("interrupt"))
        {
            fields.Error("'afterBytes' needs 'interrupt' (cardPulled or powerCut): what stops the card write");
        }

        return null;
    }

    private static CardKind? ReadToolKind(JsonFields fields)
    {
        var kind = fields.Named<CardKind>("kind", required: true);
        if (kind is not null and not (CardKind.Set or CardKind.Clear or CardKind.Zero or CardKind.Check or CardKind.Test))
        {
            fields.Error($"'kind': a tool card is set, clear, zero, check or test, not {JsonFields.CamelCase(kind.Value.ToString())}");
            return null;
        }

        return kind;
    }

    private static ScenarioStep ReadLoad(JsonFields fields, ScenarioStep step)
    {
        var power = fields.Text("load");
        var profile = fields.Text("profile");
        var powerFactor = fields.Parsed("powerFactor", ParsePowerFactor);
        if ((power is null) == (profile is null))
        {
            fields.Error("give one of 'load' (such as 2.5kW) or 'profile' (household)");
            return step;
        }

        if (profile is not null)
        {
            if (profile != "household")
            {
                fields.Error($"'profile': '{profile}' is not a shipped load profile; the one shipped is household");
                return step;
            }

            return step with { Load = DailyCurve.Household(), LoadText = "household curve" };
        }

        if (LoadProfile.TryParsePower(power!, out var watts) is { } problem)
        {
            fields.Error($"'load': {problem}");
            return step;
        }

        var factor = powerFactor ?? 950;
        return step with { Load = LoadProfile.Constant(watts, factor), LoadText = powerFactor is null ? power : $"{power} at pf {factor / 1000m:0.00#}" };
    }

    private static ParseResult<int> ParsePowerFactor(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is > 0m and <= 1m
            && decimal.Round(value * 1000m) == value * 1000m
            ? ParseResult<int>.ForValue((int)(value * 1000m))
            : ParseResult<int>.ForError($"'{text}' is not a power factor between 0 and 1 (at most three decimals)");

    private static Expectation ReadExpectation(JsonFields fields, StepKind kind)
    {
        var expect = new Expectation
        {
            Refused = fields.Named<RefusalReason>("refused"),
            Result = fields.Named<MeterResult>("result"),
            Relay = fields.Named<RelayState>("relay"),
            Remaining = fields.Hundredths("remaining"),
            RemainingChange = fields.Hundredths("remainingChange"),
            CumulativeEnergy = fields.Hundredths("cumulativeEnergy"),
            PurchaseCount = fields.Count("purchaseCount"),
            CreditState = fields.Named<CreditState>("creditState"),
            LifeCycle = fields.Named<LifeCycle>("lifeCycle"),
            IllegalCards = fields.Count("illegalCards"),
            Alarm = fields.Flag("alarm"),
            CardPurchaseCount = fields.Count("cardPurchaseCount"),
            CardLoadedCount = fields.Count("cardLoadedCount"),
            CardRemaining = fields.Hundredths("cardRemaining"),
            CardSerial = fields.Count("cardSerial"),
            CardMeter = fields.Parsed("cardMeter", MeterNumber.Parse),
            CardCumulativeEnergy = fields.Hundredths("cardCumulativeEnergy"),
            CardStatus = ReadNames<ReturnWriteStatus>(fields, "cardStatus") is { } bits ? bits.Aggregate(ReturnWriteStatus.None, (all, b) => all | b) : null,
            Receipts = fields.SmallCount("receipts"),
            Sold = fields.Hundredths("sold"),
            PendingWrites = fields.SmallCount("pendingWrites"),
            RecordedLoadedCount = fields.Count("recordedLoadedCount"),
            RecordedRemaining = fields.Hundredths("recordedRemaining"),
            RecordedCumulativeEnergy = fields.Hundredths("recordedCumulativeEnergy"),
            Collected = fields.Hundredths("collected"),
            OpenReasons = ReadNames<OpenReasons>(fields, "openReasons") is { } reasons ? reasons.Aggregate(OpenReasons.None, (all, r) => all | r) : null,
            Events = ReadNames<MeterEventKind>(fields, "events"),
            Valve = fields.Named<ValvePosition>("valve"),
            ValveAlarm = fields.Flag("valveAlarm"),
            ValveMotorRuns = fields.SmallCount("valveMotorRuns"),
            Battery = fields.Named<BatteryLevel>("battery"),
            BatteryMillivolts = fields.SmallCount("batteryMillivolts"),
            TamperLatched = ReadNames<TamperFlags>(fields, "tamperLatched") is { } latched ? latched.Aggregate(TamperFlags.None, (all, f) => all | f) : null,
            TamperActive = ReadNames<TamperFlags>(fields, "tamperActive") is { } active ? active.Aggregate(TamperFlags.None, (all, f) => all | f) : null,
            Leaking = fields.Flag("leaking"),
            CumulativeVolume = fields.Hundredths("cumulativeVolume"),
            Token = fields.Named<Meter.Tokens.TokenResponse>("token"),
            Tokens = ReadNames<Meter.Tokens.TokenResponse>(fields, "tokens"),
            Display = fields.Text("display"),
            TidsKept = fields.SmallCount("tidsKept"),
            KeyRevision = fields.SmallCount("keyRevision"),
            BaseDate = fields.SmallCount("baseDate"),
            KeyExpiry = fields.SmallCount("keyExpiry"),
        };
        fields.RefuseUnread(ExpectFields);

        // An expectation that can name nothing after this kind of step is a mistake in the file, not a pass.
        if (expect.Refused is not null && !StepKinds.AtCounter(kind))
        {
            fields.Error($"'refused' names nothing here: {StepKinds.NameOf(kind)} is not done at the counter");
        }

        if (expect.Result is not null && !StepKinds.InsertsCard(kind))
        {
            fields.Error($"'result' names nothing here: {StepKinds.NameOf(kind)} inserts no card in a meter");
        }

        if ((expect.Token is not null || expect.Tokens is not null || expect.Display is not null) && !StepKinds.EntersToken(kind))
        {
            fields.Error($"'{(expect.Token is not null ? "token" : expect.Tokens is not null ? "tokens" : "display")}' names nothing here: {StepKinds.NameOf(kind)} enters no token at a keypad");
        }

        if (expect.BaseDate is { } year && year is not (1993 or 2014 or 2035))
        {
            fields.Error($"'baseDate': {year} is not a base date; they are 1993, 2014 and 2035");
        }

        if (fields.IsEmpty)
        {
            fields.Error("'expect' names nothing: give at least one of its fields or leave it out");
        }

        return expect;
    }

    private static List<TEnum>? ReadNames<TEnum>(JsonFields fields, string name)
        where TEnum : struct, Enum
    {
        if (fields.Array(name) is not { } items)
        {
            return null;
        }

        var names = new List<TEnum>();
        foreach (var item in items)
        {
            var parsed = item.ValueKind == JsonValueKind.String
                ? JsonFields.ParseName<TEnum>(item.GetString()!)
                : ParseResult<TEnum>.ForError($"{JsonFields.Describe(item)} is not a name; use one of {JsonFields.NamesOf<TEnum>()}");
            if (parsed.TryGetValue(out var value))
            {
                names.Add(value);
            }
            else
            {
                fields.Error($"'{name}': {parsed.Error}");
            }
        }

        return names;
    }
}

public static partial class ScenarioParser
{
    /// <summary>The expectation fields only a water or gas meter has, and whether each is given.</summary>
    private static IEnumerable<(string Name, bool Given)> FlowSideFields(Expectation e) =>
    [
        ("valve", e.Valve is not null), ("valveAlarm", e.ValveAlarm is not null), ("valveMotorRuns", e.ValveMotorRuns is not null),
        ("battery", e.Battery is not null), ("batteryMillivolts", e.BatteryMillivolts is not null), ("tamperLatched", e.TamperLatched is not null),
        ("tamperActive", e.TamperActive is not null), ("leaking", e.Leaking is not null), ("cumulativeVolume", e.CumulativeVolume is not null),
    ];
}
