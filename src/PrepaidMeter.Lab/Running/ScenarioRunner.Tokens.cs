using System.Globalization;
using System.Text;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Lab.Running;

/// <summary>The token steps: tokens made by the lab's vending side and typed at a meter's keypad through the target.</summary>
public sealed partial class ScenarioRunner
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private LabTokenVending? _vending;

    private LabTokenVending Vending => _vending ??= new LabTokenVending(_site.Model);

    private Task<StepOutcome> MakeTokenAsync(ScenarioStep step)
    {
        var order = step.Token!;
        var meter = order.ForMeter ?? step.Meter ?? _meter;
        if (Make(order, meter) is not { } made)
        {
            return Task.FromResult(StepOutcome.Cannot(_tokenProblem!));
        }

        _tokens[order.KeepAs!] = made.Digits;
        return Task.FromResult(new StepOutcome($"{made.What} made for meter {meter}, kept as '{order.KeepAs}': {Grouped(made.Digits)}"));
    }

    private async Task<StepOutcome> EnterTokenAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var order = step.Token!;
        var meter = step.Meter ?? _meter;
        if (order.Keys is { } keys)
        {
            var typed = await _target.KeypadAsync(meter, keys, cancellationToken);
            return new($"keys '{keys}' at meter {meter}: {Answers(typed)}", Tokens: typed);
        }

        var outcomes = new List<TokenOutcome>();
        var lines = new List<string>();
        for (var i = 0; i < order.Count; i++)
        {
            string digits;
            string what;
            if (order.Kept is { } name)
            {
                digits = _tokens[name];
                what = $"token '{name}'";
            }
            else if (Make(order, order.ForMeter ?? meter) is { } made)
            {
                (digits, what) = made;
                what += order.ForMeter is { } other ? $" made for meter {other}" : "";
            }
            else
            {
                return new($"{_tokenProblem}{(outcomes.Count > 0 ? $" (after {outcomes.Count} entered: {Answers(outcomes)})" : "")}", Tokens: outcomes, Problem: _tokenProblem);
            }

            if (order.KeepAs is { } keep)
            {
                _tokens[keep] = digits;
            }

            var typedDigits = order.Mistype is { } position ? Mistyped(digits, position) : digits;
            var entry = order.WithBackspace ? WithSlip(typedDigits) : typedDigits + "#";
            var answers = await _target.KeypadAsync(meter, entry, cancellationToken);
            outcomes.AddRange(answers);
            if (order.Count == 1)
            {
                var how = (order.Mistype is { } p ? string.Create(CultureInfo.InvariantCulture, $", digit {p} typed wrong ({Grouped(typedDigits)})") : "")
                    + (order.WithBackspace ? ", typed key by key with a slip taken back" : "");
                lines.Add($"{what} {Grouped(digits)}{how} at meter {meter}: {Answers(answers)}");
            }
        }

        var summary = order.Count == 1 ? lines[0] : string.Create(CultureInfo.InvariantCulture, $"{order.Count} tokens ({Describe(order)}) at meter {meter}: {Answers(outcomes)}");
        return new(summary, Tokens: outcomes);
    }

    private async Task<StepOutcome> KeyChangeAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var order = step.KeyChange!;
        var meter = step.Meter ?? _meter;
        var set = Vending.KeyChange(meter, order.Rollover, order.KeyExpiry);
        var full = _site.Model.Token!.Algorithm == PrepaidMeter.Tokens.Keys.EncryptionAlgorithm.Misty1 ? 4 : 2;
        var sections = order.Sections ?? [.. Enumerable.Range(1, full)];
        var outcomes = new List<TokenOutcome>();
        var said = new List<string>();
        foreach (var section in sections)
        {
            var answers = await _target.KeypadAsync(meter, set[section - 1].Digits + "#", cancellationToken);
            outcomes.AddRange(answers);
            said.Add(string.Create(CultureInfo.InvariantCulture, $"section {section}: {Answers(answers)}"));
            if (answers.Any(a => a.Response == TokenResponse.Accepted))
            {
                Vending.Installed(meter);
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"key change set at meter {meter}{(order.Rollover ? " with the rollover bit" : "")}{(order.KeyExpiry is { } ken ? $", KEN {ken}" : "")}: {string.Join("; ", said)}; the lab now makes its tokens for KRN {Vending.IdentityOf(meter).KeyRevision}");
        if (order.Credit is { } credit)
        {
            if (Vending.Credit(meter, credit, _site.Time.GetUtcNow(), out var problem) is not { } token)
            {
                return new($"{summary}; no credit token: {problem}", Tokens: outcomes, Problem: problem);
            }

            var answers = await _target.KeypadAsync(meter, Vending.Encode(meter, token) + "#", cancellationToken);
            outcomes.AddRange(answers);
            summary += $"; {Describe(token)} under the new key: {Answers(answers)}";
        }

        return new(summary, Tokens: outcomes);
    }

    private string? _tokenProblem;

    /// <summary>The token <paramref name="order"/> asks for, made for <paramref name="meter"/>; null with <see cref="_tokenProblem"/> set when none can be.</summary>
    private (string Digits, string What)? Make(TokenOrder order, MeterNumber meter)
    {
        var now = _site.Time.GetUtcNow();
        string? problem = null;
        TokenData? data = order.What switch
        {
            TokenWhat.Credit => Vending.Credit(meter, order.Credit!.Value, now, out problem, order.OtherKind),
            TokenWhat.Management => Vending.Management(meter, order.Management!.Value, order.Value ?? 0, now, out problem),
            TokenWhat.Test => Vending.Test(order.TestControl!.Value, order.ManufacturerCode),
            _ => throw new InvalidOperationException($"a {order.What} order makes no token"),
        };
        if (data is null)
        {
            _tokenProblem = $"no token made: {problem}";
            return null;
        }

        return (Vending.Encode(meter, data), Describe(data));
    }

    private static string Describe(TokenOrder order) => order.What switch
    {
        TokenWhat.Credit => $"credit of {Energy.FromHundredths(order.Credit!.Value).ToString("F", CultureInfo.InvariantCulture)}",
        TokenWhat.Management => JsonFields.CamelCase(order.Management!.Value.ToString()),
        TokenWhat.Test => "test",
        _ => JsonFields.CamelCase(order.What.ToString()),
    };

    private static string Describe(TokenData data) => data switch
    {
        CreditToken c => string.Create(CultureInfo.InvariantCulture, $"{c.Kind} credit {c.Amount.Units / 10m:0.0} {c.Kind.Unit()} TID {c.Id.Minutes}"),
        ManagementToken m => string.Create(CultureInfo.InvariantCulture, $"{m.Kind} {(m.Watts is { } w ? $"{w} W" : m.Value.ToString(CultureInfo.InvariantCulture))} TID {m.Id.Minutes}"),
        MeterTestToken t => string.Create(CultureInfo.InvariantCulture, $"test token (control {t.Control}, manufacturer {t.ManufacturerCode})"),
        _ => data.GetType().Name,
    };

    /// <summary>The digits with the one at <paramref name="position"/> (1-based) typed one more than it is, 9 as 0.</summary>
    private static string Mistyped(string digits, int position)
    {
        var typed = digits.ToCharArray();
        typed[position - 1] = (char)('0' + ((typed[position - 1] - '0' + 1) % 10));
        return new string(typed);
    }

    /// <summary>The keys of a person who types ten digits, slips on the eleventh, takes it back with backspace and goes on.</summary>
    private static string WithSlip(string digits)
    {
        var slip = (char)('0' + ((digits[10] - '0' + 5) % 10));
        return new StringBuilder().Append(digits, 0, 10).Append(slip).Append('B').Append(digits, 10, digits.Length - 10).Append('#').ToString();
    }

    private static string Grouped(string digits) =>
        digits.Length == TokenNumber.Digits ? string.Join("-", Enumerable.Range(0, 5).Select(i => digits.Substring(i * 4, 4))) : digits;

    /// <summary>The meter's answers in words: each display and why, or the tally of a long run of entries.</summary>
    private static string Answers(IReadOnlyList<TokenOutcome> outcomes) => outcomes.Count switch
    {
        0 => "nothing entered (no enter key)",
        <= 3 => string.Join("; ", outcomes.Select(o => o.ToString())),
        _ => string.Join(", ", outcomes.GroupBy(o => o.Response).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))),
    };
}
