using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Web.Meters;

/// <summary>The meter's states in the display's words (plain English; the lead brings them into the console's languages).</summary>
internal static class DisplayWords
{
    /// <summary>The amount's bare number, as its own type prints it ("12.34", "-3.50").</summary>
    public static string Number(CreditAmount amount) => amount.ToString("F", CultureInfo.InvariantCulture);

    public static string Unit(Core.CreditUnit unit) => unit switch
    {
        Core.CreditUnit.Energy => "kWh",
        Core.CreditUnit.Money => "money",
        Core.CreditUnit.Volume => "m³",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a credit unit."),
    };

    public static string Credit(CreditState state) => state switch
    {
        CreditState.Normal => "normal",
        CreditState.Low => "low (alarm 1)",
        CreditState.Alarm2 => "alarm 2",
        CreditState.Overdraft => "overdraft",
        CreditState.Exhausted => "exhausted",
        _ => state.ToString(),
    };

    public static string Valve(ValvePosition position) => position switch
    {
        ValvePosition.Open => "open",
        ValvePosition.Closing => "closing",
        ValvePosition.Closed => "closed",
        ValvePosition.Opening => "opening",
        ValvePosition.OpenAwaitingRetry => "open (did not close; trying again)",
        ValvePosition.ClosedAwaitingRetry => "closed (did not open; trying again)",
        ValvePosition.StuckOpen => "stuck open",
        ValvePosition.StuckClosed => "stuck closed",
        _ => position.ToString(),
    };

    /// <summary>Every reason the supply is cut, in words, "; " between them.</summary>
    public static string Why(OpenReasons reasons)
    {
        if (reasons == OpenReasons.None)
        {
            return "";
        }

        var words = new List<string>();
        foreach (var reason in Enum.GetValues<OpenReasons>())
        {
            if (reason != OpenReasons.None && reasons.HasFlag(reason))
            {
                words.Add(reason switch
                {
                    OpenReasons.CreditExhausted => "credit exhausted",
                    OpenReasons.Alarm2 => "alarm 2: insert the card",
                    OpenReasons.Remote => "tripped by a remote command",
                    OpenReasons.RemoteAwaitingCard => "close permitted: insert the card",
                    OpenReasons.OverPower => "over the power limit",
                    OpenReasons.LockedOut => "locked out after over-power trips",
                    OpenReasons.MalignantLoad => "malignant load detected",
                    OpenReasons.Scheduled => "scheduled trip window",
                    OpenReasons.Tamper => "tamper latched",
                    OpenReasons.BatteryCritical => "battery critical",
                    _ => reason.ToString(),
                });
            }
        }

        return string.Join("; ", words);
    }
}
