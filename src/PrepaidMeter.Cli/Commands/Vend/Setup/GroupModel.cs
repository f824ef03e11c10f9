using PrepaidMeter.Lab.Files;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Cli.Commands.Vend.Setup;

/// <summary>
/// What `vend group add --model --layout --unit` name, resolved: the model by id or file, the layout one the model
/// reads (its first unless named), the credit unit the model's (a contradicting `--unit` is refused). The back office
/// itself knows a model only by its id, so a mistake here would reach the meters' cards.
/// </summary>
internal sealed record GroupModel(MeterModel Model, CardLayout Layout, CreditUnit Unit)
{
    public static GroupModel? Resolve(string model, string? layout, string? unit, out string? error)
    {
        error = null;
        var resolvedModel = PathIo.Reading(model, () => VendorFiles.Model(model));
        if (resolvedModel.Model is not { } meterModel)
        {
            error = string.Join(Environment.NewLine, resolvedModel.Errors);
            return null;
        }

        // A water or gas model makes a volume group of its meter type (never a money one).
        var creditUnit = unit is null ? meterModel.CreditUnit : CreditUnits.Parse(unit);
        if (creditUnit is null)
        {
            error = $"--unit {unit}: must be 'energy', 'money' or 'volume'";
            return null;
        }

        if (creditUnit != meterModel.CreditUnit)
        {
            error = $"--unit {unit}: model '{meterModel.Id}' counts in {meterModel.CreditUnit.Name()}";
            return null;
        }

        if (meterModel.Layouts.Count == 0)
        {
            // A group's cards need a layout; a keypad-only model has none (rule TK16).
            error = $"--model {meterModel.Id} takes no cards (keypad tokens only): a group is made on a card model of its utility, then sells tokens with `vend token group set --medium token`";
            return null;
        }

        if (layout is null)
        {
            return new(meterModel, meterModel.Layouts[0], meterModel.CreditUnit);
        }

        var resolvedLayout = PathIo.Reading(layout, () => VendorFiles.Layout(layout));
        if (resolvedLayout.Layout is not { } cardLayout)
        {
            error = string.Join(Environment.NewLine, resolvedLayout.Errors);
            return null;
        }

        // The model's own copy: a file with the same id but other bytes is another layout the meter would not read.
        if (meterModel.Layouts.FirstOrDefault(l => l.Id == cardLayout.Id && l.Sha256 == cardLayout.Sha256) is not { } read)
        {
            error = $"--layout {layout}: model '{meterModel.Id}' reads {string.Join(", ", meterModel.Layouts.Select(l => $"{l.Id} (SHA-256 {l.Sha256[..12]}…)"))}, not {cardLayout.Id} (SHA-256 {cardLayout.Sha256[..12]}…)";
            return null;
        }

        return new(meterModel, read, meterModel.CreditUnit);
    }
}
